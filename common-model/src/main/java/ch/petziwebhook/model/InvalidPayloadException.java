package ch.petziwebhook.model;

/**
 * Exception thrown when a webhook body cannot be read as a Petzi payload. Retrying does
 * not help: the same bytes fail the same way.
 */
public class InvalidPayloadException extends IllegalArgumentException {

	public InvalidPayloadException(String message) {
		super(message);
	}

	public InvalidPayloadException(String message, Throwable cause) {
		super(message, cause);
	}

}
