package ch.petziwebhook.ingest.system;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import ch.petziwebhook.ingest.rejection.RejectionPublisher;
import ch.petziwebhook.ingest.webhook.DeliveryNotDurableException;
import ch.petziwebhook.ingest.webhook.PayloadTooLargeException;
import ch.petziwebhook.ingest.webhook.UnsupportedContentTypeException;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.RejectedWebhook;
import ch.petziwebhook.model.SignatureVerificationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Error advice that turns every rejected webhook into a {@link ProblemDetail} with the
 * status Petzi's sender expects, logs one warning per rejection, counts it by reason and
 * publishes a {@link RejectedWebhook} record. Spring MVC's own errors, such as 405 for a
 * GET, become problem details through the base class.
 */
@RestControllerAdvice
class WebhookExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(WebhookExceptionHandler.class);

	private static final String TYPE_PREFIX = "urn:petzi-webhook:problem:";

	private static final int MAX_HEADER_LENGTH = 200;

	private final RejectionPublisher rejectionPublisher;

	private final MeterRegistry meterRegistry;

	private final Clock clock;

	WebhookExceptionHandler(RejectionPublisher rejectionPublisher, MeterRegistry meterRegistry, Clock clock) {
		this.rejectionPublisher = rejectionPublisher;
		this.meterRegistry = meterRegistry;
		this.clock = clock;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleSignature(SignatureVerificationException ex, HttpServletRequest request) {
		Problem problem = switch (ex.getReason()) {
			case MISSING_SIGNATURE -> new Problem(HttpStatus.UNAUTHORIZED, "missing-signature", "Missing signature");
			case SIGNATURE_MISMATCH -> new Problem(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature");
			case NO_SECRET_CONFIGURED ->
				new Problem(HttpStatus.UNAUTHORIZED, "no-secret-configured", "No webhook secret configured");
			case MALFORMED_SIGNATURE ->
				new Problem(HttpStatus.BAD_REQUEST, "malformed-signature", "Malformed signature");
			case TIMESTAMP_OUT_OF_WINDOW -> new Problem(HttpStatus.BAD_REQUEST, "timestamp-out-of-window",
					"Signature timestamp outside the accepted window");
		};
		String reason = ex.getReason().name().toLowerCase(Locale.ROOT);
		Object body = request.getAttribute(RejectionPublisher.BODY_ATTRIBUTE);
		if (body instanceof byte[] bytes) {
			publish(request, problem, reason, ex.getMessage(), bytes.length, sha256(bytes),
					ex.getTimestampSkewSeconds(), ex.getSecretSlotsTried());
		}
		else {
			// Rejected before the body was read, so only its declared length is known.
			publish(request, problem, reason, ex.getMessage(), request.getContentLengthLong(), null,
					ex.getTimestampSkewSeconds(), ex.getSecretSlotsTried());
		}
		return reject(request, problem, reason, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handlePayloadTooLarge(PayloadTooLargeException ex, HttpServletRequest request) {
		Problem problem = new Problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large");
		publish(request, problem, "payload_too_large", ex.getMessage(), ex.getLength(), null, null, List.of());
		return reject(request, problem, "payload_too_large", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleUnsupportedContentType(UnsupportedContentTypeException ex,
			HttpServletRequest request) {
		Problem problem = new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-type",
				"Unsupported content type");
		// The body is not read, so only its declared length is known.
		publish(request, problem, "unsupported_content_type", ex.getMessage(), request.getContentLengthLong(), null,
				null, List.of());
		return reject(request, problem, "unsupported_content_type", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleNotDurable(DeliveryNotDurableException ex, HttpServletRequest request) {
		ResponseEntity<ProblemDetail> response = reject(request,
				new Problem(HttpStatus.SERVICE_UNAVAILABLE, "not-durable", "Delivery not durable"), "not_durable",
				ex.getMessage());
		response.getBody().setProperty("deliveryId", ex.getDeliveryId());
		return response;
	}

	private void publish(HttpServletRequest request, Problem problem, String reason, String detail, long bodyLength,
			String bodySha256, Long skewSeconds, List<String> slotsTried) {
		Counter.builder("petzi.ingest.deliveries.rejected")
			.description("Requests rejected before publishing, by reason")
			.tag("reason", reason)
			.register(this.meterRegistry)
			.increment();
		this.rejectionPublisher.publish(new RejectedWebhook(this.clock.instant(), reason, problem.status().value(),
				detail, request.getRemoteAddr(), header(request, HttpHeaders.USER_AGENT),
				header(request, PetziHeaders.VERSION), bodyLength, bodySha256, skewSeconds, slotsTried));
	}

	private static ResponseEntity<ProblemDetail> reject(HttpServletRequest request, Problem problem, String reason,
			String detail) {
		// Details come from messages that never contain a secret, a MAC or the body.
		log.warn("Rejected webhook from {} with {} {}: {}", request.getRemoteAddr(), problem.status().value(), reason,
				detail);

		ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), detail);
		body.setType(URI.create(TYPE_PREFIX + problem.type()));
		body.setTitle(problem.title());
		return ResponseEntity.status(problem.status()).body(body);
	}

	private static String header(HttpServletRequest request, String name) {
		String value = request.getHeader(name);
		if (value == null) {
			return null;
		}
		String cleaned = value.replaceAll("\\p{Cntrl}", "?");
		return (cleaned.length() > MAX_HEADER_LENGTH) ? cleaned.substring(0, MAX_HEADER_LENGTH) : cleaned;
	}

	private static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
		}
	}

	private record Problem(HttpStatus status, String type, String title) {

	}

}
