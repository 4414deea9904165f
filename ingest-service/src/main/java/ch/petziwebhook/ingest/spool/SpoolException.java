package ch.petziwebhook.ingest.spool;

/**
 * Exception thrown when the spool cannot keep a delivery, because it is full, closed or
 * its disk failed. The delivery is then not durable and the request gets 503.
 */
public class SpoolException extends RuntimeException {

	private final boolean full;

	SpoolException(String message, boolean full, Throwable cause) {
		super(message, cause);
		this.full = full;
	}

	/**
	 * Returns whether the spool rejected the delivery only because it reached its size
	 * limit.
	 */
	public boolean isFull() {
		return this.full;
	}

}
