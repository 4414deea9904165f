package ch.petziwebhook.model.test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Source of hostile test inputs for property tests: arbitrary bytes, arbitrary Unicode
 * (control characters, lone surrogates, emoji, CSV and formula characters) and arbitrary
 * JSON of every type, including numbers beyond {@code long} and {@code double} and deep
 * nesting. Every value comes from one seeded {@link Random}, so a run is reproduced by
 * its seed (see {@link PropertyCheck}).
 */
public final class RandomInputs {

	/**
	 * Nesting depth of the deepest generated JSON values, far beyond any parser's limit.
	 */
	public static final int DEEP_NESTING = 10_000;

	// Characters that break parsers, CSV and spreadsheets, or hide in logs.
	private static final String SPECIAL = "\"\\,;'=+-@\t\r\n\u0000\u0007\u001b\u007f\u0085\u00a0\u2028\u2029\u200b\u202e\ufeff\ufffd{}[]:<>&%/";

	private static final List<String> SPECIAL_NUMBERS = List.of("0", "-0", "1", "-1", "9223372036854775807",
			"9223372036854775808", "-9223372036854775809", "1180591620717411303424", "1e400", "-1e400", "1e-400",
			"1E+999999999", "1e-999999999", "0.1", "52.5", "52.505", "1.7976931348623157E309", "4.9e-325",
			"123456789012345678901234567890.123456789");

	private final Random random;

	RandomInputs(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Returns an int in {@code [0, bound)}.
	 */
	public int nextInt(int bound) {
		return this.random.nextInt(bound);
	}

	public boolean nextBoolean() {
		return this.random.nextBoolean();
	}

	public long nextLong() {
		return this.random.nextLong();
	}

	/**
	 * Returns one of the given values.
	 */
	public <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	/**
	 * Returns up to {@code maxLength} arbitrary bytes, often valid or broken UTF-8 text.
	 */
	public byte[] bytes(int maxLength) {
		int length = this.random.nextInt(maxLength + 1);
		if (this.random.nextInt(3) == 0) {
			byte[] text = text(length).getBytes(StandardCharsets.UTF_8);
			return (text.length > 0) ? flipOneByte(text) : text;
		}
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	/**
	 * Returns a copy of the bytes with one bit of one byte changed.
	 */
	public byte[] flipOneByte(byte[] bytes) {
		byte[] copy = bytes.clone();
		int index = this.random.nextInt(copy.length);
		copy[index] ^= (byte) (1 << this.random.nextInt(8));
		return copy;
	}

	/**
	 * Returns a string of up to {@code maxLength} UTF-16 units mixing ASCII, special
	 * characters, Latin, CJK, emoji and lone surrogates.
	 */
	public String text(int maxLength) {
		int length = this.random.nextInt(maxLength + 1);
		StringBuilder text = new StringBuilder(length);
		while (text.length() < length) {
			appendCharacter(text);
		}
		return text.toString();
	}

	/**
	 * Returns a string as {@link #text(int)} that PostgreSQL can store as {@code text}:
	 * without NUL characters and lone surrogates.
	 */
	public String storableText(int maxLength) {
		StringBuilder text = new StringBuilder();
		text(maxLength).codePoints()
			.filter((codePoint) -> codePoint != 0
					&& (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE))
			.forEach(text::appendCodePoint);
		return text.toString();
	}

	/**
	 * Returns {@code length} hexadecimal characters, in random case.
	 */
	public String hex(int length) {
		byte[] bytes = new byte[(length + 1) / 2];
		this.random.nextBytes(bytes);
		String hex = HexFormat.of().formatHex(bytes).substring(0, length);
		return this.random.nextBoolean() ? hex : hex.toUpperCase();
	}

	/**
	 * Returns the JSON text of an arbitrary value: an object, array, string, number,
	 * boolean or {@code null}, nested up to {@code maxDepth} levels. Strings carry
	 * arbitrary Unicode as escapes and raw characters. Some arrays and objects are nested
	 * {@value #DEEP_NESTING} levels.
	 */
	public String jsonValue(int maxDepth) {
		StringBuilder json = new StringBuilder();
		appendJsonValue(json, maxDepth);
		return json.toString();
	}

	/**
	 * Returns the JSON text of an array or object nested {@value #DEEP_NESTING} levels.
	 */
	public String deeplyNested() {
		boolean arrays = this.random.nextBoolean();
		String open = arrays ? "[" : "{\"a\":";
		String close = arrays ? "]" : "}";
		String inner = arrays ? "" : "1";
		return open.repeat(DEEP_NESTING) + inner + close.repeat(DEEP_NESTING);
	}

	/**
	 * Returns the text of a JSON number, often beyond the range or precision of
	 * {@code long} and {@code double}.
	 */
	public String jsonNumber() {
		return switch (this.random.nextInt(4)) {
			case 0 -> pick(SPECIAL_NUMBERS);
			case 1 -> Long.toString(this.random.nextLong());
			case 2 -> Double.toString(this.random.nextDouble() * Math.pow(10, this.random.nextInt(40) - 20));
			default -> "1" + "0".repeat(this.random.nextInt(30)) + "e" + (this.random.nextInt(2000) - 1000);
		};
	}

	/**
	 * Returns a JSON string literal, quotes included, of arbitrary Unicode.
	 */
	public String jsonString(int maxLength) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text(maxLength).toCharArray()) {
			if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c) || this.random.nextInt(8) == 0) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

	private void appendJsonValue(StringBuilder json, int depth) {
		int kind = this.random.nextInt((depth > 0) ? 9 : 6);
		switch (kind) {
			case 0 -> json.append("null");
			case 1 -> json.append(this.random.nextBoolean());
			case 2, 3 -> json.append(jsonNumber());
			case 4, 5 -> json.append(jsonString(20));
			case 6 -> appendArray(json, depth);
			case 7 -> appendObject(json, depth);
			default -> json.append((this.random.nextInt(6) == 0) ? deeplyNested() : "{}");
		}
	}

	private void appendArray(StringBuilder json, int depth) {
		json.append('[');
		int size = this.random.nextInt(4);
		for (int i = 0; i < size; i++) {
			json.append((i > 0) ? "," : "");
			appendJsonValue(json, depth - 1);
		}
		json.append(']');
	}

	private void appendObject(StringBuilder json, int depth) {
		json.append('{');
		int size = this.random.nextInt(4);
		for (int i = 0; i < size; i++) {
			json.append((i > 0) ? "," : "");
			json.append(this.random.nextBoolean() ? "\"number\"" : jsonString(6)).append(':');
			appendJsonValue(json, depth - 1);
		}
		json.append('}');
	}

	private void appendCharacter(StringBuilder text) {
		switch (this.random.nextInt(8)) {
			case 0, 1 -> text.append((char) (0x20 + this.random.nextInt(0x5f)));
			case 2 -> text.append(SPECIAL.charAt(this.random.nextInt(SPECIAL.length())));
			case 3 -> text.append((char) (0xa0 + this.random.nextInt(0x2000)));
			case 4 -> text.append((char) (0x4e00 + this.random.nextInt(0x5000)));
			case 5 -> text.appendCodePoint(0x1f300 + this.random.nextInt(0x300));
			case 6 -> text.append((char) (0xd800 + this.random.nextInt(0x800)));
			default -> text.append((char) this.random.nextInt(0x20));
		}
	}

}
