package ch.petziwebhook.ingest.webhook;

import java.util.UUID;

/**
 * Body of the 200 response, sent once Kafka has acknowledged the delivery.
 *
 * @param status always {@code accepted}
 * @param deliveryId the id of the delivery, also in the record's
 * {@code petzi-delivery-id} header
 */
public record DeliveryReceipt(String status, UUID deliveryId) {

	static DeliveryReceipt accepted(UUID deliveryId) {
		return new DeliveryReceipt("accepted", deliveryId);
	}

}
