package ch.petziwebhook.ingest.webhook;

import java.util.UUID;

/**
 * Exception thrown when a delivery could be made durable neither in Kafka nor in the
 * spool, so the sender must retry it.
 */
public class DeliveryNotDurableException extends RuntimeException {

	private final UUID deliveryId;

	DeliveryNotDurableException(UUID deliveryId, String message, Throwable cause) {
		super(message, cause);
		this.deliveryId = deliveryId;
	}

	public UUID getDeliveryId() {
		return this.deliveryId;
	}

}
