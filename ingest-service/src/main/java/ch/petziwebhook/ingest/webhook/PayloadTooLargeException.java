package ch.petziwebhook.ingest.webhook;

/**
 * Exception thrown when a request body is larger than
 * {@code petzi.webhook.max-body-size}.
 */
public class PayloadTooLargeException extends RuntimeException {

	PayloadTooLargeException(String message) {
		super(message);
	}

}
