package ch.petziwebhook.dashboard.delivery;

import java.util.UUID;

import org.springframework.http.HttpStatus;

/**
 * A failed re-drive, with the HTTP status and the message key of its reason.
 */
class RedriveException extends RuntimeException {

	private final Kind kind;

	private final UUID deliveryId;

	RedriveException(Kind kind, UUID deliveryId) {
		this(kind, deliveryId, null);
	}

	RedriveException(Kind kind, UUID deliveryId, String cause) {
		super(kind.message(deliveryId, cause));
		this.kind = kind;
		this.deliveryId = deliveryId;
	}

	Kind kind() {
		return this.kind;
	}

	UUID deliveryId() {
		return this.deliveryId;
	}

	/**
	 * The reasons a re-drive fails.
	 */
	enum Kind {

		NOT_FOUND(HttpStatus.NOT_FOUND, "deliveries.redrive.notFound", "No delivery with id %s"),

		NOT_FAILED(HttpStatus.CONFLICT, "deliveries.redrive.notFailed",
				"Delivery %s is not failed, so there is nothing to re-drive"),

		RECORD_MISSING(HttpStatus.GONE, "deliveries.redrive.recordMissing",
				"The raw record of delivery %s at %s is no longer on the raw topic"),

		KAFKA_FAILED(HttpStatus.SERVICE_UNAVAILABLE, "deliveries.redrive.kafkaFailed",
				"Failed to re-drive delivery %s because Kafka failed: %s. Try again later");

		private final HttpStatus status;

		private final String messageKey;

		private final String format;

		Kind(HttpStatus status, String messageKey, String format) {
			this.status = status;
			this.messageKey = messageKey;
			this.format = format;
		}

		HttpStatus status() {
			return this.status;
		}

		String messageKey() {
			return this.messageKey;
		}

		String message(UUID deliveryId, String cause) {
			return String.format(this.format, deliveryId, cause);
		}

	}

}
