package ch.petziwebhook.ingest.webhook;

/**
 * Exception thrown when a request has no JSON content type.
 */
public class UnsupportedContentTypeException extends RuntimeException {

	UnsupportedContentTypeException(String message) {
		super(message);
	}

}
