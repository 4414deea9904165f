package ch.petziwebhook.model;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parsed {@code Petzi-Signature} header. Parsing accepts the keys in any order, ignores
 * unknown keys and blanks around them, and keeps every {@code v1} value.
 *
 * @param timestamp the {@code t} value in unix seconds
 * @param macs the decoded {@code v1} values, at least one
 */
public record SignatureHeader(long timestamp, List<byte[]> macs) {

	private static final int MAC_HEX_LENGTH = 64;

	private static final int MAX_TIMESTAMP_DIGITS = 12;

	/**
	 * Parses a header value.
	 * @param value the header value, not {@code null}
	 * @return the parsed header
	 * @throws SignatureVerificationException with reason
	 * {@link SignatureVerificationException.Reason#MALFORMED_SIGNATURE} when {@code t} is
	 * missing or not a number, or when no well-formed {@code v1} is present
	 */
	public static SignatureHeader parse(String value) {
		Long timestamp = null;
		List<byte[]> macs = new ArrayList<>();
		for (String part : value.split(",")) {
			int equals = part.indexOf('=');
			if (equals < 0) {
				continue;
			}
			String key = part.substring(0, equals).strip();
			String item = part.substring(equals + 1).strip();
			if ("t".equals(key)) {
				timestamp = parseTimestamp(item);
			}
			else if ("v1".equals(key)) {
				macs.add(parseMac(item));
			}
		}
		if (timestamp == null) {
			throw malformed("Petzi-Signature has no t=<unix seconds> part");
		}
		if (macs.isEmpty()) {
			throw malformed("Petzi-Signature has no v1=<hex> part");
		}
		return new SignatureHeader(timestamp, List.copyOf(macs));
	}

	// Only ASCII digits: Long.parseLong also reads the digits of other scripts, but the
	// MAC covers the decimal text, so such a header would pass with another t than it
	// shows.
	private static long parseTimestamp(String item) {
		if (item.isEmpty() || item.length() > MAX_TIMESTAMP_DIGITS
				|| !item.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw malformed("Petzi-Signature t must be unix seconds in decimal digits");
		}
		return Long.parseLong(item);
	}

	private static byte[] parseMac(String item) {
		if (item.length() != MAC_HEX_LENGTH || !item.chars().allMatch(SignatureHeader::isHexDigit)) {
			throw malformed("Petzi-Signature v1 must be 64 hexadecimal characters");
		}
		return HexFormat.of().parseHex(item);
	}

	private static boolean isHexDigit(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static SignatureVerificationException malformed(String message) {
		return new SignatureVerificationException(SignatureVerificationException.Reason.MALFORMED_SIGNATURE, message);
	}

}
