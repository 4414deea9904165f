package ch.petziwebhook.ingest.system;

import java.net.URI;

import ch.petziwebhook.ingest.webhook.DeliveryNotDurableException;
import ch.petziwebhook.ingest.webhook.PayloadTooLargeException;
import ch.petziwebhook.ingest.webhook.UnsupportedContentTypeException;
import ch.petziwebhook.model.SignatureVerificationException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Error advice that turns every rejected webhook into a {@link ProblemDetail} with the
 * status Petzi's sender expects, and logs one warning per rejection. Spring MVC's own
 * errors, such as 405 for a GET, become problem details through the base class.
 */
@RestControllerAdvice
class WebhookExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(WebhookExceptionHandler.class);

	private static final String TYPE_PREFIX = "urn:petzi-webhook:problem:";

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleSignature(SignatureVerificationException ex, HttpServletRequest request) {
		return switch (ex.getReason()) {
			case MISSING_SIGNATURE ->
				reject(request, HttpStatus.UNAUTHORIZED, "missing-signature", "Missing signature", ex.getMessage());
			case SIGNATURE_MISMATCH ->
				reject(request, HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature", ex.getMessage());
			case NO_SECRET_CONFIGURED -> reject(request, HttpStatus.UNAUTHORIZED, "no-secret-configured",
					"No webhook secret configured", ex.getMessage());
			case MALFORMED_SIGNATURE ->
				reject(request, HttpStatus.BAD_REQUEST, "malformed-signature", "Malformed signature", ex.getMessage());
			case TIMESTAMP_OUT_OF_WINDOW -> reject(request, HttpStatus.BAD_REQUEST, "timestamp-out-of-window",
					"Signature timestamp outside the accepted window", ex.getMessage());
		};
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handlePayloadTooLarge(PayloadTooLargeException ex, HttpServletRequest request) {
		return reject(request, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleUnsupportedContentType(UnsupportedContentTypeException ex,
			HttpServletRequest request) {
		return reject(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-type",
				"Unsupported content type", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleNotDurable(DeliveryNotDurableException ex, HttpServletRequest request) {
		ResponseEntity<ProblemDetail> response = reject(request, HttpStatus.SERVICE_UNAVAILABLE, "not-durable",
				"Delivery not durable", ex.getMessage());
		response.getBody().setProperty("deliveryId", ex.getDeliveryId());
		return response;
	}

	private static ResponseEntity<ProblemDetail> reject(HttpServletRequest request, HttpStatus status, String type,
			String title, String detail) {
		// Details come from messages that never contain a secret, a MAC or the body.
		log.warn("Rejected webhook from {} with {}: {}", request.getRemoteAddr(), status.value(), detail);

		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

}
