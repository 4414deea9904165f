package ch.petziwebhook.projector.delivery;

import java.sql.Types;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery log: one row in {@code read_model.deliveries} per raw record, whatever
 * became of it. A row is never changed once written, so a re-delivery changes nothing.
 * Every column comes from the record except {@code processed_at}, the database clock at
 * the time of recording, which a replay does not reproduce.
 */
@Repository
public class DeliveryLog {

	// Long enough for any exception message, short enough for a page of the dashboard.
	private static final int MAX_ERROR_LENGTH = 2000;

	private final JdbcClient jdbcClient;

	DeliveryLog(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Returns whether the delivery is already recorded, whatever its status.
	 */
	public boolean contains(UUID deliveryId) {
		return this.jdbcClient.sql("SELECT EXISTS (SELECT 1 FROM read_model.deliveries WHERE delivery_id = :id)")
			.param("id", deliveryId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Records a delivery unless its id is already recorded.
	 * @param delivery the delivery
	 * @param event the payload's {@code event}, or {@code null}
	 * @param ticketNumber the payload's ticket number, or {@code null}
	 * @param status what became of the delivery
	 */
	void record(Delivery delivery, String event, String ticketNumber, DeliveryStatus status) {
		insert(delivery, event, ticketNumber, status, null);
	}

	/**
	 * Records a delivery that went to the dead-letter topic, unless its id is already
	 * recorded. Zero characters, which PostgreSQL text cannot hold, are removed from the
	 * values, so that this insert succeeds for any payload.
	 * @param delivery the delivery
	 * @param event the payload's {@code event}, or {@code null}
	 * @param ticketNumber the payload's ticket number, or {@code null}
	 * @param error why the payload cannot be projected
	 */
	public void recordFailure(Delivery delivery, String event, String ticketNumber, String error) {
		String shortError = (error != null && error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH)
				: error;
		insert(delivery, withoutZeroCharacters(event), withoutZeroCharacters(ticketNumber), DeliveryStatus.FAILED,
				withoutZeroCharacters(shortError));
	}

	private void insert(Delivery delivery, String event, String ticketNumber, DeliveryStatus status, String error) {
		this.jdbcClient.sql("""
				INSERT INTO read_model.deliveries (delivery_id, received_at, event, ticket_number, status, error,
					signature_timestamp, source_partition, source_offset, processed_at)
				VALUES (:deliveryId, :receivedAt, :event, :ticketNumber, :status, :error,
					:signatureTimestamp, :partition, :offset, now())
				ON CONFLICT (delivery_id) DO NOTHING
				""")
			.param("deliveryId", delivery.id())
			.param("receivedAt", delivery.receivedAt().atOffset(ZoneOffset.UTC))
			.param("event", event, Types.VARCHAR)
			.param("ticketNumber", ticketNumber, Types.VARCHAR)
			.param("status", status.columnValue())
			.param("error", error, Types.VARCHAR)
			.param("signatureTimestamp", delivery.signatureTimestamp())
			.param("partition", delivery.partition())
			.param("offset", delivery.offset())
			.update();
	}

	private static String withoutZeroCharacters(String value) {
		return (value != null) ? value.replace("\u0000", "") : null;
	}

}
