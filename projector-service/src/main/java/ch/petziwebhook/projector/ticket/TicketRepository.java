package ch.petziwebhook.projector.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import ch.petziwebhook.model.Buyer;
import ch.petziwebhook.model.Location;
import ch.petziwebhook.model.PetziWebhook;
import ch.petziwebhook.model.Price;
import ch.petziwebhook.model.Session;
import ch.petziwebhook.model.Ticket;

import ch.petziwebhook.projector.system.ReadModelSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL access to the ticket tables of the read model schema ({@link ReadModelSchema}).
 * Every write is an upsert by natural key, so writing the same snapshot twice leaves the
 * same rows. Each write is one multi-row statement over {@code unnest} of one array per
 * column (see {@link ColumnBatch}). Its rows must not name one key twice, because
 * PostgreSQL rejects an upsert that changes a row twice in one statement.
 */
@Repository
class TicketRepository {

	private static final int TICKET_COLUMNS = 22;

	// The rows of saveTickets, one text[] parameter per column.
	private static final String TICKET_ROWS = """
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
				?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
				?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
				AS u (number, type, title, category, event_id, status, cancellation_reason, generated_at, sold_at,
					price_amount, price_currency, buyer_role, buyer_first_name, buyer_last_name, buyer_email,
					buyer_postcode, last_delivery_id, signature_timestamp, source_partition, source_offset,
					created_at, updated_at)
			""";

	private final JdbcClient jdbcClient;

	private final JdbcTemplate jdbcTemplate;

	private final ReadModelSchema schema;

	TicketRepository(JdbcClient jdbcClient, JdbcTemplate jdbcTemplate, ReadModelSchema schema) {
		this.jdbcClient = jdbcClient;
		this.jdbcTemplate = jdbcTemplate;
		this.schema = schema;
	}

	/**
	 * Finds the stored versions of tickets and locks their rows until the transaction
	 * ends, in ticket number order so that concurrent batches cannot deadlock.
	 * @return the stored tickets by number; numbers not stored are absent
	 */
	Map<String, StoredTicket> findAllForUpdate(Collection<String> numbers) {
		List<StoredTicket> stored = this.jdbcClient.sql(this.schema.sql("""
				SELECT t.number, t.last_delivery_id, t.updated_at, t.signature_timestamp, t.source_partition,
					t.source_offset, t.created_at, d.event AS last_event
				FROM read_model.tickets t
				LEFT JOIN read_model.deliveries d ON d.delivery_id = t.last_delivery_id
				WHERE t.number = ANY(:numbers)
				ORDER BY t.number
				FOR UPDATE OF t
				""")).param("numbers", numbers.toArray(String[]::new)).query(TicketRepository::storedTicket).list();
		return stored.stream().collect(Collectors.toMap(StoredTicket::number, Function.identity()));
	}

	/**
	 * Finds whether a delivery's snapshot is the ticket's stored one, and if so whether
	 * that delivery created the ticket (no other delivery of the ticket was projected).
	 * @return {@code true} for created, {@code false} for updated, empty when the ticket
	 * contains another delivery's snapshot or does not exist
	 */
	Optional<Boolean> findCurrentChange(String number, UUID deliveryId) {
		return this.jdbcClient.sql(this.schema.sql("""
				SELECT NOT EXISTS (
					SELECT 1 FROM read_model.deliveries d
					WHERE d.ticket_number = t.number AND d.status = 'projected' AND d.delivery_id <> t.last_delivery_id
				)
				FROM read_model.tickets t
				WHERE t.number = :number AND t.last_delivery_id = :deliveryId
				""")).param("number", number).param("deliveryId", deliveryId).query(Boolean.class).optional();
	}

	/**
	 * Saves events: inserts the new ones, then updates those whose values changed. An
	 * upsert would lock every event row it meets until the transaction ends, changed or
	 * not, and so make concurrent batches of the same events wait for each other.
	 */
	void saveEvents(Collection<EventRow> events) {
		ColumnBatch rows = new ColumnBatch(5);
		for (EventRow event : events) {
			Ticket ticket = event.ticket();
			rows.add(event.id(), event.key(), ticket.eventId(), ticket.event(), ticket.promoter());
		}
		rows.update(this.jdbcTemplate, this.schema.sql("""
				INSERT INTO read_model.events (id, event_key, petzi_event_id, name, promoter)
				SELECT id::bigint, event_key, petzi_event_id::bigint, name, promoter
				FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
					AS u (id, event_key, petzi_event_id, name, promoter)
				ON CONFLICT (event_key) DO NOTHING
				"""));
		rows.update(this.jdbcTemplate, this.schema.sql("""
				UPDATE read_model.events e
				SET petzi_event_id = u.petzi_event_id::bigint, name = u.name, promoter = u.promoter
				FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
					AS u (id, event_key, petzi_event_id, name, promoter)
				WHERE e.event_key = u.event_key
					AND (e.petzi_event_id, e.name, e.promoter)
						IS DISTINCT FROM (u.petzi_event_id::bigint, u.name, u.promoter)
				"""));
	}

	void saveLocations(Collection<LocationRow> locations) {
		ColumnBatch rows = new ColumnBatch(6);
		for (LocationRow row : locations) {
			Location location = row.location();
			rows.add(row.id(), row.key(), location.name(), location.street(), location.city(), location.postcode());
		}
		rows.update(this.jdbcTemplate, this.schema.sql("""
				INSERT INTO read_model.locations (id, location_key, name, street, city, postcode)
				SELECT id::bigint, location_key, name, street, city, postcode
				FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
					AS u (id, location_key, name, street, city, postcode)
				ON CONFLICT (location_key) DO NOTHING
				"""));
	}

	/**
	 * Saves sessions: inserts the new ones, then updates those whose door time changed,
	 * the only column outside the key. Like {@link #saveEvents}, it locks only the rows
	 * it changes.
	 */
	void saveSessions(Collection<SessionRow> sessions) {
		ColumnBatch rows = new ColumnBatch(8);
		for (SessionRow row : sessions) {
			Session session = row.session();
			rows.add(row.id(), row.key(), row.eventId(), row.locationId(), session.name(), session.date(),
					session.time(), session.doors());
		}
		rows.update(this.jdbcTemplate, this.schema.sql("""
				INSERT INTO read_model.sessions (id, session_key, event_id, location_id, name, date, time, doors)
				SELECT id::bigint, session_key, event_id::bigint, location_id::bigint, name, date::date, time::time,
					doors::time
				FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
					AS u (id, session_key, event_id, location_id, name, date, time, doors)
				ON CONFLICT (session_key) DO NOTHING
				"""));
		rows.update(this.jdbcTemplate, this.schema.sql("""
				UPDATE read_model.sessions s
				SET doors = u.doors::time
				FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
					AS u (id, session_key, event_id, location_id, name, date, time, doors)
				WHERE s.session_key = u.session_key AND s.doors IS DISTINCT FROM u.doors::time
				"""));
	}

	/**
	 * Inserts the new tickets and replaces every column of the stored ones but their
	 * number and creation time. New tickets are inserted without {@code ON CONFLICT}: its
	 * check of the key before each row costs a second search of the primary key. A ticket
	 * that a concurrent transaction inserted first fails the insert with a duplicate key,
	 * and the caller retries the batch.
	 * @param tickets the tickets to save
	 * @param stored the numbers of tickets stored before the batch, whose rows the batch
	 * locked
	 */
	void saveTickets(Collection<TicketRow> tickets, Set<String> stored) {
		ColumnBatch inserted = new ColumnBatch(TICKET_COLUMNS);
		ColumnBatch updated = new ColumnBatch(TICKET_COLUMNS);
		for (TicketRow row : tickets) {
			ColumnBatch rows = stored.contains(row.ticket().number()) ? updated : inserted;
			rows.add(ticketValues(row));
		}
		inserted.update(this.jdbcTemplate, this.schema.sql("""
				INSERT INTO read_model.tickets (number, type, title, category, event_id, status, cancellation_reason,
					generated_at, sold_at, price_amount, price_currency, buyer_role, buyer_first_name, buyer_last_name,
					buyer_email, buyer_postcode, last_delivery_id, signature_timestamp, source_partition, source_offset,
					created_at, updated_at)
				SELECT number, type, title, category, event_id::bigint, status, cancellation_reason,
					generated_at::timestamptz, sold_at::timestamptz, price_amount::numeric, price_currency, buyer_role,
					buyer_first_name, buyer_last_name, buyer_email, buyer_postcode, last_delivery_id::uuid,
					signature_timestamp::bigint, source_partition::integer, source_offset::bigint,
					created_at::timestamptz, updated_at::timestamptz
				""" + TICKET_ROWS));
		updated.update(this.jdbcTemplate, this.schema.sql("""
				UPDATE read_model.tickets t
				SET type = u.type, title = u.title, category = u.category, event_id = u.event_id::bigint,
					status = u.status, cancellation_reason = u.cancellation_reason,
					generated_at = u.generated_at::timestamptz, sold_at = u.sold_at::timestamptz,
					price_amount = u.price_amount::numeric, price_currency = u.price_currency,
					buyer_role = u.buyer_role, buyer_first_name = u.buyer_first_name,
					buyer_last_name = u.buyer_last_name, buyer_email = u.buyer_email,
					buyer_postcode = u.buyer_postcode, last_delivery_id = u.last_delivery_id::uuid,
					signature_timestamp = u.signature_timestamp::bigint,
					source_partition = u.source_partition::integer, source_offset = u.source_offset::bigint,
					updated_at = u.updated_at::timestamptz
				""" + TICKET_ROWS + """
				WHERE t.number = u.number
				"""));
	}

	/**
	 * Replaces the session links of tickets, numbered from 1 in the order each ticket
	 * lists its sessions. The links of new tickets are inserted without
	 * {@code ON CONFLICT}, as in {@link #saveTickets}. Those of stored tickets are
	 * replaced with one statement that writes only the links that changed. It deletes
	 * links only at positions past the new list, so it never touches a row twice.
	 * @param sessionIds the session ids of each ticket, by ticket number
	 * @param stored the numbers of tickets stored before the batch. A ticket not among
	 * them has no links yet
	 */
	void replaceSessions(Map<String, List<Long>> sessionIds, Set<String> stored) {
		List<String> replaced = new ArrayList<>();
		ColumnBatch inserted = new ColumnBatch(3);
		ColumnBatch updated = new ColumnBatch(3);
		sessionIds.forEach((number, ids) -> {
			ColumnBatch rows = inserted;
			if (stored.contains(number)) {
				replaced.add(number);
				rows = updated;
			}
			for (int i = 0; i < ids.size(); i++) {
				rows.add(number, i + 1, ids.get(i));
			}
		});
		inserted.update(this.jdbcTemplate, this.schema.sql("""
				INSERT INTO read_model.ticket_sessions (ticket_number, position, session_id)
				SELECT ticket_number, position::integer, session_id::bigint
				FROM unnest(?::text[], ?::text[], ?::text[]) AS u (ticket_number, position, session_id)
				"""));
		if (replaced.isEmpty()) {
			return;
		}
		String[] numbers = replaced.toArray(String[]::new);
		if (updated.isEmpty()) {
			this.jdbcClient
				.sql(this.schema.sql("DELETE FROM read_model.ticket_sessions WHERE ticket_number = ANY(:numbers)"))
				.param("numbers", numbers)
				.update();
			return;
		}
		updated.update(this.jdbcTemplate, this.schema.sql("""
				WITH links AS (
					SELECT ticket_number, position::integer, session_id::bigint
					FROM unnest(?::text[], ?::text[], ?::text[]) AS u (ticket_number, position, session_id)
				), removed AS (
					DELETE FROM read_model.ticket_sessions ts
					WHERE ts.ticket_number = ANY(?::text[])
						AND NOT EXISTS (
							SELECT 1 FROM links l WHERE l.ticket_number = ts.ticket_number AND l.position = ts.position
						)
				)
				INSERT INTO read_model.ticket_sessions (ticket_number, position, session_id)
				SELECT ticket_number, position, session_id FROM links
				ON CONFLICT (ticket_number, position) DO UPDATE
				SET session_id = excluded.session_id
				WHERE ticket_sessions.session_id IS DISTINCT FROM excluded.session_id
				"""), numbers);
	}

	private static Object[] ticketValues(TicketRow row) {
		Ticket ticket = row.ticket();
		Price price = (ticket.price() != null) ? ticket.price() : new Price(null, null);
		Buyer person = (row.buyer() != null) ? row.buyer() : new Buyer(null, null, null, null, null);
		Instant soldAt = (ticket.generatedAt() != null) ? ticket.generatedAt().toInstant() : row.createdAt();
		TicketVersion version = row.version();
		return new Object[] { ticket.number(), ticket.type(), ticket.title(), ticket.category(), row.eventId(),
				ticket.isCancelled() ? "cancelled" : "valid", ticket.isCancelled() ? ticket.cancellationReason() : null,
				utc(ticket.generatedAt()), utc(soldAt), price.amount(), price.currency(), person.role(),
				person.firstName(), person.lastName(), person.email(), person.postcode(), version.deliveryId(),
				version.signatureTimestamp(), version.partition(), version.offset(), utc(row.createdAt()),
				utc(version.receivedAt()) };
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static OffsetDateTime utc(OffsetDateTime time) {
		return (time != null) ? time.withOffsetSameInstant(ZoneOffset.UTC) : null;
	}

	private static StoredTicket storedTicket(ResultSet row, int rowNumber) throws SQLException {
		TicketVersion version = new TicketVersion(row.getObject("last_delivery_id", UUID.class),
				row.getObject("updated_at", OffsetDateTime.class).toInstant(), row.getLong("signature_timestamp"),
				row.getInt("source_partition"), row.getLong("source_offset"));
		return new StoredTicket(row.getString("number"), version,
				row.getObject("created_at", OffsetDateTime.class).toInstant(), row.getString("last_event"));
	}

	/**
	 * Version and creation time of a ticket as stored in the read model, or as left by an
	 * earlier delivery of the same batch.
	 *
	 * @param number the ticket number
	 * @param version the delivery whose snapshot is stored
	 * @param createdAt when ingest received the ticket's first projected delivery
	 * @param lastEvent the {@code event} of the delivery whose snapshot is stored
	 */
	record StoredTicket(String number, TicketVersion version, Instant createdAt, String lastEvent) {

		/**
		 * Returns whether the stored snapshot came from a {@code ticket_updated}
		 * delivery.
		 */
		boolean isFromUpdate() {
			return PetziWebhook.TICKET_UPDATED.equals(this.lastEvent);
		}

	}

	record EventRow(long id, String key, Ticket ticket) {

	}

	record LocationRow(long id, String key, Location location) {

	}

	record SessionRow(long id, String key, long eventId, Long locationId, Session session) {

	}

	record TicketRow(Ticket ticket, Buyer buyer, long eventId, TicketVersion version, Instant createdAt) {

	}

}
