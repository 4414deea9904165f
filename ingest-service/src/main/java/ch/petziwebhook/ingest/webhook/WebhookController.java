package ch.petziwebhook.ingest.webhook;

import java.io.IOException;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.SignatureHeader;
import ch.petziwebhook.model.SignatureVerifier;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoint that receives Petzi's signed webhooks. It returns 200 only once the raw body
 * is durable in Kafka. Rejections become problem details in the error advice.
 */
@RestController
class WebhookController {

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private final WebhookBodyReader bodyReader;

	private final SignatureVerifier signatureVerifier;

	private final RawWebhookPublisher publisher;

	WebhookController(WebhookBodyReader bodyReader, SignatureVerifier signatureVerifier,
			RawWebhookPublisher publisher) {
		this.bodyReader = bodyReader;
		this.signatureVerifier = signatureVerifier;
		this.publisher = publisher;
	}

	/**
	 * Verifies a webhook and publishes its raw body. {@code /insert} is the path older
	 * Petzi configurations post to.
	 */
	@PostMapping({ "/webhook", "/insert" })
	ResponseEntity<DeliveryReceipt> receive(HttpServletRequest request) throws IOException {
		byte[] body = this.bodyReader.read(request);
		// Petzi signs the raw bytes, so verify before anything parses them.
		SignatureHeader signature = this.signatureVerifier.verify(request.getHeader(PetziHeaders.SIGNATURE), body);

		Delivery delivery = this.publisher.publish(body, signature, request.getHeader(PetziHeaders.VERSION));
		log.info("Accepted delivery {} for ticket {} at {}", delivery.id(),
				(delivery.ticketNumber() != null) ? delivery.ticketNumber() : "(none)", delivery.position());

		return ResponseEntity.ok(DeliveryReceipt.accepted(delivery.id()));
	}

}
