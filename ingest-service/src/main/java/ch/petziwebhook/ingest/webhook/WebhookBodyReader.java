package ch.petziwebhook.ingest.webhook;

import java.io.IOException;
import java.io.InputStream;

import ch.petziwebhook.ingest.system.WebhookProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reader of webhook request bodies as raw bytes. It checks the content type and reads at
 * most {@code petzi.webhook.max-body-size} bytes, whether or not the request declares a
 * {@code Content-Length}.
 */
@Component
class WebhookBodyReader {

	private static final int MAX_CONTENT_TYPE_IN_MESSAGE = 100;

	private final int maxBodySize;

	WebhookBodyReader(WebhookProperties properties) {
		this.maxBodySize = Math.toIntExact(properties.maxBodySize().toBytes());
	}

	/**
	 * Reads the raw body of a webhook request.
	 * @param request the request
	 * @return the body bytes exactly as received
	 * @throws UnsupportedContentTypeException if the content type is missing or not JSON
	 * @throws PayloadTooLargeException if the body is larger than the limit
	 * @throws IOException if the body cannot be read
	 */
	byte[] read(HttpServletRequest request) throws IOException {
		checkContentType(request.getContentType());

		long declaredLength = request.getContentLengthLong();
		if (declaredLength > this.maxBodySize) {
			// Reject before reading, so that a large body costs no memory.
			throw new PayloadTooLargeException("Body of " + declaredLength
					+ " bytes (Content-Length) is over the limit of " + this.maxBodySize + " bytes", declaredLength);
		}

		return readAtMostLimit(request.getInputStream());
	}

	private byte[] readAtMostLimit(InputStream in) throws IOException {
		// Reading one byte past the limit distinguishes an over-long body, chunked or
		// not, from one that is exactly at the limit.
		byte[] body = in.readNBytes(this.maxBodySize + 1);
		if (body.length > this.maxBodySize) {
			throw new PayloadTooLargeException("Body is over the limit of " + this.maxBodySize + " bytes", body.length);
		}
		return body;
	}

	private static void checkContentType(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			throw new UnsupportedContentTypeException("Missing Content-Type, expected application/json");
		}
		if (!isJson(contentType)) {
			throw new UnsupportedContentTypeException(
					"Content-Type " + printable(contentType) + " is not supported, expected application/json");
		}
	}

	private static boolean isJson(String contentType) {
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType);
			return "application".equalsIgnoreCase(mediaType.getType())
					&& ("json".equalsIgnoreCase(mediaType.getSubtype()) || mediaType.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static String printable(String contentType) {
		String cleaned = contentType.replaceAll("\\p{Cntrl}", "?");
		return (cleaned.length() > MAX_CONTENT_TYPE_IN_MESSAGE)
				? cleaned.substring(0, MAX_CONTENT_TYPE_IN_MESSAGE) + "..." : cleaned;
	}

}
