package ch.petziwebhook.ingest.webhook;

/**
 * Exception thrown when a request body is larger than
 * {@code petzi.webhook.max-body-size}.
 */
public class PayloadTooLargeException extends RuntimeException {

	private final long length;

	PayloadTooLargeException(String message, long length) {
		super(message);
		this.length = length;
	}

	/**
	 * Returns the declared {@code Content-Length}, or the number of bytes read before
	 * reading stopped when the body had no declared length.
	 */
	public long getLength() {
		return this.length;
	}

}
