package ch.petziwebhook.dashboard.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import ch.petziwebhook.model.RejectedWebhook;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seeds delivery log rows with plain SQL: deliveries as the projector records them, and
 * rejected requests as the dashboard's listener stores them.
 */
final class DeliveryFixtures {

	static final String ADMIN_ONLY_ADDRESS = "198.51.100.77";

	private static final AtomicLong rejectionOffsets = new AtomicLong();

	private final JdbcClient jdbcClient;

	private final RejectionRepository rejections;

	DeliveryFixtures(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
		this.rejections = new RejectionRepository(jdbcClient);
	}

	void deleteAll() {
		this.jdbcClient.sql("TRUNCATE read_model.deliveries, dashboard.rejected_webhooks").update();
	}

	/**
	 * Records a delivery of ticket {@code ticketNumber} with a status and raw position.
	 * @return the delivery id
	 */
	UUID aDelivery(String status, String ticketNumber, OffsetDateTime receivedAt, int partition, long offset,
			String error) {
		return aDelivery(UUID.randomUUID(), status, ticketNumber, receivedAt, partition, offset, error);
	}

	/**
	 * Records a delivery with a given id, status and raw position.
	 * @return the delivery id
	 */
	UUID aDelivery(UUID id, String status, String ticketNumber, OffsetDateTime receivedAt, int partition, long offset,
			String error) {
		this.jdbcClient.sql("""
				INSERT INTO read_model.deliveries (delivery_id, received_at, event, ticket_number, status, error,
				    source_partition, source_offset, processed_at)
				VALUES (:id, :receivedAt, 'ticket_created', :ticketNumber, :status, :error, :partition, :offset,
				    :receivedAt)
				""")
			.param("id", id)
			.param("receivedAt", receivedAt)
			.param("ticketNumber", ticketNumber)
			.param("status", status)
			.param("error", error)
			.param("partition", partition)
			.param("offset", offset)
			.update();
		return id;
	}

	UUID aDelivery(String status, String ticketNumber, OffsetDateTime receivedAt) {
		return aDelivery(status, ticketNumber, receivedAt, 0, 0, "failed".equals(status) ? "Missing field" : null);
	}

	/** Stores a rejected request from {@link #ADMIN_ONLY_ADDRESS}. */
	void aRejection(String reason, Instant rejectedAt, Long skewSeconds, List<String> slots) {
		this.rejections.save(aRejectedWebhook(reason, rejectedAt, skewSeconds, slots), 0,
				rejectionOffsets.incrementAndGet());
	}

	static RejectedWebhook aRejectedWebhook(String reason, Instant rejectedAt, Long skewSeconds, List<String> slots) {
		return new RejectedWebhook(rejectedAt, reason, 401, "Invalid signature", ADMIN_ONLY_ADDRESS, "Petzi-Hook/2",
				"2", 512, "ab".repeat(32), skewSeconds, slots);
	}

}
