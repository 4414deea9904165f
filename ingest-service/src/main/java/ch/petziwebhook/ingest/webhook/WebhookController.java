package ch.petziwebhook.ingest.webhook;

import java.io.IOException;

import ch.petziwebhook.ingest.rejection.RejectionPublisher;
import ch.petziwebhook.ingest.secret.WebhookSecrets;
import ch.petziwebhook.model.LogValues;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.SignatureHeader;
import ch.petziwebhook.model.SignatureVerifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoint that receives Petzi's signed webhooks. It returns 200 only once the raw body
 * is durable, in Kafka or in the local spool. Rejections become problem details in the
 * error advice.
 */
@RestController
class WebhookController {

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private final WebhookBodyReader bodyReader;

	private final WebhookSecrets webhookSecrets;

	private final RawWebhookPublisher publisher;

	private final Counter publishedCounter;

	private final Counter spooledCounter;

	WebhookController(WebhookBodyReader bodyReader, WebhookSecrets webhookSecrets, RawWebhookPublisher publisher,
			MeterRegistry meterRegistry) {
		this.bodyReader = bodyReader;
		this.webhookSecrets = webhookSecrets;
		this.publisher = publisher;
		this.publishedCounter = acceptedCounter(meterRegistry, "kafka");
		this.spooledCounter = acceptedCounter(meterRegistry, "spool");
	}

	private static Counter acceptedCounter(MeterRegistry registry, String via) {
		return Counter.builder("petzi.ingest.deliveries.accepted")
			.description("Verified deliveries answered with 200, by where they were made durable")
			.tag("via", via)
			.register(registry);
	}

	/**
	 * Verifies a webhook and publishes its raw body. {@code /insert} is the path older
	 * Petzi configurations post to. The 200 receipt is written straight to the response,
	 * which skips content negotiation and the message converters on the busiest path.
	 * Rejections are thrown and become problem details in the error advice.
	 */
	@PostMapping({ "/webhook", "/insert" })
	void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String header = request.getHeader(PetziHeaders.SIGNATURE);
		SignatureVerifier verifier = this.webhookSecrets.verifier();
		// Reject a missing or malformed signature before reading the body, so that a slow
		// client without one does not hold a request thread for the whole upload.
		verifier.parseHeader(header);
		byte[] body = this.bodyReader.read(request);
		// The error advice describes a rejected body by its length and hash.
		request.setAttribute(RejectionPublisher.BODY_ATTRIBUTE, body);
		// Petzi signs the raw bytes, so verify before anything parses them.
		SignatureHeader signature = verifier.verify(header, body);

		Delivery delivery = this.publisher.publish(body, signature, request.getHeader(PetziHeaders.VERSION));
		log.info("Accepted delivery {} for ticket {} at {}", delivery.id(),
				LogValues.ticketNumber(delivery.ticketNumber()), delivery.position());
		(Delivery.SPOOLED.equals(delivery.position()) ? this.spooledCounter : this.publishedCounter).increment();

		byte[] receipt = DeliveryReceipt.accepted(delivery.id()).toJson();
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(receipt.length);
		response.getOutputStream().write(receipt);
	}

}
