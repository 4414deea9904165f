package ch.petziwebhook.projector.delivery;

import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import ch.petziwebhook.projector.system.ReadModelSchema;
import ch.petziwebhook.projector.ticket.ColumnBatch;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery log: one row in the {@code deliveries} table of the read model schema per
 * raw record, whatever became of it. A row is never changed once written, so a
 * re-delivery changes nothing, except a failed row, which the outcome of the re-driven
 * copy of that record replaces. Every column comes from the record except
 * {@code processed_at}, the database clock at the time of recording, which a replay does
 * not reproduce.
 */
@Repository
public class DeliveryLog {

	// Long enough for any exception message, short enough for a page of the dashboard.
	private static final int MAX_ERROR_LENGTH = 2000;

	private static final String INSERT = """
			INSERT INTO read_model.deliveries (delivery_id, received_at, event, ticket_number, status, error,
				signature_timestamp, source_partition, source_offset, processed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
			ON CONFLICT (delivery_id) DO NOTHING
			""";

	// The rows of recordAll, one text[] parameter per column.
	private static final String ENTRY_ROWS = """
			SELECT delivery_id::uuid, received_at::timestamptz, event, ticket_number, status, NULL,
				signature_timestamp::bigint, source_partition::integer, source_offset::bigint, now()
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
				AS u (delivery_id, received_at, event, ticket_number, status, signature_timestamp, source_partition,
					source_offset)
			""";

	// No ON CONFLICT: its check of the key before each row costs a second search of the
	// primary key. A delivery that a concurrent transaction recorded first fails the
	// insert with a duplicate key, and the caller retries the batch.
	private static final String INSERT_ALL = """
			INSERT INTO read_model.deliveries (delivery_id, received_at, event, ticket_number, status, error,
				signature_timestamp, source_partition, source_offset, processed_at)
			""" + ENTRY_ROWS;

	// A re-driven delivery replaces the failed row of its first attempt, and nothing
	// else.
	private static final String REPLACE_FAILED = """
			INSERT INTO read_model.deliveries (delivery_id, received_at, event, ticket_number, status, error,
				signature_timestamp, source_partition, source_offset, processed_at)
			""" + ENTRY_ROWS + """
			ON CONFLICT (delivery_id) DO UPDATE
			SET received_at = excluded.received_at, event = excluded.event, ticket_number = excluded.ticket_number,
				status = excluded.status, error = excluded.error, signature_timestamp = excluded.signature_timestamp,
				source_partition = excluded.source_partition, source_offset = excluded.source_offset,
				processed_at = excluded.processed_at
			WHERE deliveries.status = 'failed'
			""";

	private static final int[] INSERT_TYPES = { Types.OTHER, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR,
			Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.INTEGER, Types.BIGINT };

	private final JdbcClient jdbcClient;

	private final JdbcTemplate jdbcTemplate;

	private final ReadModelSchema schema;

	private final String insert;

	private final String insertAll;

	private final String replaceFailed;

	DeliveryLog(JdbcClient jdbcClient, JdbcTemplate jdbcTemplate, ReadModelSchema schema) {
		this.jdbcClient = jdbcClient;
		this.jdbcTemplate = jdbcTemplate;
		this.schema = schema;
		this.insert = schema.sql(INSERT);
		this.insertAll = schema.sql(INSERT_ALL);
		this.replaceFailed = schema.sql(REPLACE_FAILED);
	}

	/**
	 * Returns whether the delivery is already recorded, whatever its status.
	 */
	public boolean contains(UUID deliveryId) {
		return this.jdbcClient
			.sql(this.schema.sql("SELECT EXISTS (SELECT 1 FROM read_model.deliveries WHERE delivery_id = :id)"))
			.param("id", deliveryId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Finds which of the given deliveries are already recorded.
	 * @return the status of each recorded delivery, by delivery id
	 */
	Map<UUID, DeliveryStatus> findRecorded(Collection<UUID> deliveryIds) {
		String[] ids = deliveryIds.stream().map(UUID::toString).toArray(String[]::new);
		Map<UUID, DeliveryStatus> recorded = new HashMap<>();
		this.jdbcClient.sql(this.schema
			.sql("SELECT delivery_id, status FROM read_model.deliveries WHERE delivery_id = ANY(CAST(:ids AS uuid[]))"))
			.param("ids", ids)
			.query((row, rowNumber) -> recorded.put(row.getObject("delivery_id", UUID.class),
					DeliveryStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT))))
			.list();
		return recorded;
	}

	/**
	 * Records deliveries that carried no error, with one multi-row statement for new ones
	 * and one for re-driven ones that replace their failed row.
	 */
	void recordAll(List<Entry> entries) {
		ColumnBatch inserted = new ColumnBatch(8);
		ColumnBatch replaced = new ColumnBatch(8);
		for (Entry entry : entries) {
			Delivery delivery = entry.delivery();
			ColumnBatch rows = entry.replacesFailure() ? replaced : inserted;
			rows.add(delivery.id(), delivery.receivedAt(), entry.event(), entry.ticketNumber(),
					entry.status().columnValue(), delivery.signatureTimestamp(), delivery.partition(),
					delivery.offset());
		}
		inserted.update(this.jdbcTemplate, this.insertAll);
		replaced.update(this.jdbcTemplate, this.replaceFailed);
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
		this.jdbcTemplate.update(this.insert, values(delivery, event, ticketNumber, status, error), INSERT_TYPES);
	}

	private static Object[] values(Delivery delivery, String event, String ticketNumber, DeliveryStatus status,
			String error) {
		return new Object[] { delivery.id(), delivery.receivedAt().atOffset(ZoneOffset.UTC), event, ticketNumber,
				status.columnValue(), error, delivery.signatureTimestamp(), delivery.partition(), delivery.offset() };
	}

	private static String withoutZeroCharacters(String value) {
		return (value != null) ? value.replace("\u0000", "") : null;
	}

	/**
	 * One delivery to record.
	 *
	 * @param delivery the delivery
	 * @param event the payload's {@code event}, or {@code null}
	 * @param ticketNumber the payload's ticket number, or {@code null}
	 * @param status what became of the delivery
	 * @param replacesFailure whether the delivery replaces its recorded failed row, as a
	 * re-driven delivery does
	 */
	record Entry(Delivery delivery, String event, String ticketNumber, DeliveryStatus status, boolean replacesFailure) {

	}

}
