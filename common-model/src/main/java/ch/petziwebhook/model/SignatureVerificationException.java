package ch.petziwebhook.model;

/**
 * Exception thrown when a webhook's signature does not verify. Its message names what was
 * wrong and never contains a secret or an expected MAC.
 */
public class SignatureVerificationException extends RuntimeException {

	private final Reason reason;

	public SignatureVerificationException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason getReason() {
		return this.reason;
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
