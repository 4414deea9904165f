package ch.petziwebhook.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Body of the 200 response, sent once the delivery is durable.
 *
 * @param status always {@code accepted}
 * @param deliveryId the id of the delivery, also in the record's
 * {@code petzi-delivery-id} header
 */
public record DeliveryReceipt(String status, UUID deliveryId) {

	static DeliveryReceipt accepted(UUID deliveryId) {
		return new DeliveryReceipt("accepted", deliveryId);
	}

	/**
	 * Writes the receipt as a JSON object, {@code {"status":...,"deliveryId":...}}. Both
	 * values need no escaping: the status is a constant and a UUID's text is hex digits
	 * and dashes. Writing it directly skips the message converter on every accepted
	 * delivery.
	 */
	byte[] toJson() {
		return ("{\"status\":\"" + this.status + "\",\"deliveryId\":\"" + this.deliveryId + "\"}")
			.getBytes(StandardCharsets.US_ASCII);
	}

}
