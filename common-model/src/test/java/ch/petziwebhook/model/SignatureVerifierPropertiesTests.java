package ch.petziwebhook.model;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import ch.petziwebhook.model.SignatureVerificationException.Reason;
import ch.petziwebhook.model.test.PropertyCheck;
import ch.petziwebhook.model.test.RandomInputs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Property tests of {@link SignatureHeader} and {@link SignatureVerifier} on generated
 * headers, secrets and bodies.
 */
class SignatureVerifierPropertiesTests {

	private static final int TRIES = 1000;

	private static final long NOW = 1_735_732_800L;

	private static final Duration TOLERANCE = Duration.ofSeconds(300);

	private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

	// Digits of other scripts that Character.isDigit and Long.parseLong accept.
	private static final List<Character> FOREIGN_ZEROS = List.of('\u0660', '\u06f0', '\u0966', '\u0e50', '\uff10');

	@Test
	void parseThrowsOnlyVerificationException() {
		PropertyCheck.forAll(TRIES, SignatureVerifierPropertiesTests::headerLike, (header) -> {
			try {
				SignatureHeader parsed = SignatureHeader.parse(header);

				assertThat(parsed.macs()).isNotEmpty().allSatisfy((mac) -> assertThat(mac).hasSize(32));
				assertThat(parsed.timestamp()).isNotNegative();
			}
			catch (SignatureVerificationException ex) {
				assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED_SIGNATURE);
			}
		});
	}

	@Test
	void rejectsArbitraryHeaderAndBody() {
		SignatureVerifier verifier = new SignatureVerifier(List.of("s3cret"), TOLERANCE, CLOCK);

		PropertyCheck.forAll(TRIES, (inputs) -> new Signed(headerLike(inputs), inputs.bytes(200)), (signed) -> {
			SignatureVerificationException ex = catchThrowableOfType(SignatureVerificationException.class,
					() -> verifier.verify(signed.header(), signed.body()));

			assertThat(ex).as("rejection").isNotNull();
		});
	}

	@Test
	void acceptsEveryValidSignature() {
		PropertyCheck.forAll(TRIES, SignatureVerifierPropertiesTests::validSignature, (signed) -> {
			SignatureVerifier verifier = new SignatureVerifier(signed.secrets(), TOLERANCE, CLOCK);

			SignatureHeader accepted = verifier.verify(signed.header(), signed.body());

			assertThat(accepted.timestamp()).isEqualTo(signed.timestamp());
		});
	}

	@Test
	void rejectsSignatureOfOtherSecret() {
		PropertyCheck.forAll(TRIES, SignatureVerifierPropertiesTests::validSignature, (signed) -> {
			List<String> others = signed.secrets()
				.stream()
				.map((secret) -> secret + "x")
				.filter((secret) -> !signed.secrets().contains(secret))
				.toList();
			SignatureVerifier verifier = new SignatureVerifier(others, TOLERANCE, CLOCK);

			assertRejected(verifier, signed.header(), signed.body(), Reason.SIGNATURE_MISMATCH);
		});
	}

	@Test
	void rejectsBodyWithFlippedBit() {
		PropertyCheck.forAll(TRIES, SignatureVerifierPropertiesTests::validSignature, (signed) -> {
			SignatureVerifier verifier = new SignatureVerifier(signed.secrets(), TOLERANCE, CLOCK);
			assertRejected(verifier, signed.header(), signed.flippedBody(), Reason.SIGNATURE_MISMATCH);
		});
	}

	@Test
	void rejectsOtherTimestampInWindow() {
		PropertyCheck.forAll(TRIES, SignatureVerifierPropertiesTests::validSignature, (signed) -> {
			SignatureVerifier verifier = new SignatureVerifier(signed.secrets(), TOLERANCE, CLOCK);
			long other = (signed.timestamp() == NOW) ? NOW - 1 : NOW;
			String header = signed.header().replace("t=" + signed.timestamp(), "t=" + other);

			assertRejected(verifier, header, signed.body(), Reason.SIGNATURE_MISMATCH);
		});
	}

	@Test
	void rejectsTimestampInForeignDigits() {
		PropertyCheck.forAll(TRIES, SignatureVerifierPropertiesTests::validSignature, (signed) -> {
			SignatureVerifier verifier = new SignatureVerifier(signed.secrets(), TOLERANCE, CLOCK);
			char zero = FOREIGN_ZEROS.get((int) (signed.timestamp() % FOREIGN_ZEROS.size()));
			String header = signed.header()
				.replace("t=" + signed.timestamp(), "t=" + foreignDigits(signed.timestamp(), zero));

			assertRejected(verifier, header, signed.body(), Reason.MALFORMED_SIGNATURE);
		});
	}

	private static void assertRejected(SignatureVerifier verifier, String header, byte[] body, Reason reason) {
		SignatureVerificationException ex = catchThrowableOfType(SignatureVerificationException.class,
				() -> verifier.verify(header, body));

		assertThat(ex).as("rejection").isNotNull();
		assertThat(ex.getReason()).isEqualTo(reason);
	}

	/**
	 * Returns a header-like string: often {@code t=} and {@code v1=} parts with valid,
	 * short, long or non-hex values, unknown keys, blanks and stray separators, sometimes
	 * arbitrary Unicode.
	 */
	private static String headerLike(RandomInputs inputs) {
		if (inputs.nextInt(4) == 0) {
			return inputs.text(120);
		}
		List<String> parts = new ArrayList<>();
		int count = inputs.nextInt(5);
		for (int i = 0; i < count; i++) {
			parts.add(headerPart(inputs));
		}
		String separator = inputs.pick(List.of(",", ", ", " ,", ",,", ";"));
		return String.join(separator, parts);
	}

	private static String headerPart(RandomInputs inputs) {
		String key = inputs.pick(List.of("t", "v1", " v1 ", "V1", "v0", "t ", "", "x", "t=t"));
		String value = switch (inputs.nextInt(7)) {
			case 0 -> Long.toString(inputs.nextLong());
			case 1 -> Long.toString(NOW + inputs.nextInt(1000) - 500);
			case 2 -> "9".repeat(inputs.nextInt(25));
			case 3 -> inputs.hex(64);
			case 4 -> inputs.hex(inputs.nextInt(130));
			case 5 -> inputs.hex(63) + inputs.pick(List.of("g", "\u0660", " ", "=", "é"));
			default -> inputs.text(10);
		};
		return inputs.nextInt(10) == 0 ? key + value : key + "=" + value;
	}

	/**
	 * Returns a body signed with one of one to three secrets at a time within the window,
	 * in a header that may put the keys in another order and carry unknown keys, blanks,
	 * upper-case hex and further {@code v1} values that match nothing.
	 */
	private static Signed validSignature(RandomInputs inputs) {
		List<String> secrets = new ArrayList<>();
		int count = 1 + inputs.nextInt(3);
		while (secrets.size() < count) {
			String secret = inputs.storableText(40);
			if (!secret.isEmpty() && !secrets.contains(secret)) {
				secrets.add(secret);
			}
		}
		long timestamp = NOW + inputs.nextInt((int) TOLERANCE.toSeconds() * 2 + 1) - TOLERANCE.toSeconds();
		byte[] body = inputs.bytes(300);
		String mac = HexFormat.of().formatHex(new WebhookSigner(inputs.pick(secrets)).mac(timestamp, body));

		List<String> parts = new ArrayList<>();
		parts.add("t=" + timestamp);
		parts.add("v1=" + (inputs.nextBoolean() ? mac : mac.toUpperCase()));
		for (int i = inputs.nextInt(3); i > 0; i--) {
			parts.add(inputs.pick(List.of("v1=" + inputs.hex(64), "v0=" + inputs.hex(64), "x=1", "note")));
		}
		Collections.shuffle(parts, new Random(inputs.nextLong()));
		String header = String.join(inputs.pick(List.of(",", ", ", " , ")), parts);
		byte[] flipped = (body.length > 0) ? inputs.flipOneByte(body) : new byte[] { '{' };
		return new Signed(header, body, secrets, timestamp, flipped);
	}

	private static String foreignDigits(long value, char zero) {
		StringBuilder digits = new StringBuilder();
		for (char c : Long.toString(value).toCharArray()) {
			digits.append((char) (zero + (c - '0')));
		}
		return digits.toString();
	}

	private record Signed(String header, byte[] body, List<String> secrets, long timestamp, byte[] flippedBody) {

		Signed(String header, byte[] body) {
			this(header, body, List.of(), 0, body);
		}

		@Override
		public String toString() {
			return "header=" + this.header + ", body=" + new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
