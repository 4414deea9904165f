package ch.petziwebhook.model;

import java.util.List;

/**
 * Exception thrown when a webhook's signature does not verify. Its message names what was
 * wrong and never contains a secret or an expected MAC.
 */
public class SignatureVerificationException extends RuntimeException {

	private final Reason reason;

	private final Long timestampSkewSeconds;

	private final List<String> secretSlotsTried;

	public SignatureVerificationException(Reason reason, String message) {
		this(reason, message, null, List.of());
	}

	/**
	 * Creates an exception that records how far the signature's timestamp was from the
	 * clock and which secret slots the signature was checked against.
	 * @param reason the reason
	 * @param message the message, without secrets or MACs
	 * @param timestampSkewSeconds the receive time minus the signature's {@code t} in
	 * seconds, or {@code null} when no timestamp was read
	 * @param secretSlotsTried the slots of the secrets tried, in order
	 */
	public SignatureVerificationException(Reason reason, String message, Long timestampSkewSeconds,
			List<String> secretSlotsTried) {
		super(message);
		this.reason = reason;
		this.timestampSkewSeconds = timestampSkewSeconds;
		this.secretSlotsTried = (secretSlotsTried != null) ? List.copyOf(secretSlotsTried) : List.of();
	}

	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Returns the receive time minus the signature's {@code t} in seconds, or
	 * {@code null} when the header had no readable timestamp.
	 */
	public Long getTimestampSkewSeconds() {
		return this.timestampSkewSeconds;
	}

	/**
	 * Returns the slots of the secrets the signature was checked against, empty when it
	 * was rejected before any check.
	 */
	public List<String> getSecretSlotsTried() {
		return this.secretSlotsTried;
	}

	/**
	 * Reason a signature was rejected.
	 */
	public enum Reason {

		/** No {@code Petzi-Signature} header. */
		MISSING_SIGNATURE,

		/** A header that does not follow {@code t=<seconds>,v1=<hex>}. */
		MALFORMED_SIGNATURE,

		/** A well-formed header whose MACs match none of the configured secrets. */
		SIGNATURE_MISMATCH,

		/** A valid MAC whose timestamp lies outside the accepted window. */
		TIMESTAMP_OUT_OF_WINDOW,

		/** No secret is configured, so nothing can be verified. */
		NO_SECRET_CONFIGURED

	}

}
