package ch.petziwebhook.projector.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ch.petziwebhook.model.Buyer;
import ch.petziwebhook.model.Location;
import ch.petziwebhook.model.PetziWebhook;
import ch.petziwebhook.model.Price;
import ch.petziwebhook.model.Session;
import ch.petziwebhook.model.Ticket;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL access to the ticket tables of the {@code read_model} schema. Every write is an
 * upsert by natural key, so writing the same snapshot twice leaves the same rows.
 */
@Repository
class TicketRepository {

	private final JdbcClient jdbcClient;

	TicketRepository(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Finds the stored version of a ticket and locks its row until the transaction ends.
	 */
	Optional<StoredTicket> findForUpdate(String number) {
		return this.jdbcClient.sql("""
				SELECT t.last_delivery_id, t.updated_at, t.signature_timestamp, t.source_partition, t.source_offset,
					t.created_at, d.event AS last_event
				FROM read_model.tickets t
				LEFT JOIN read_model.deliveries d ON d.delivery_id = t.last_delivery_id
				WHERE t.number = :number
				FOR UPDATE OF t
				""").param("number", number).query(TicketRepository::storedTicket).optional();
	}

	void saveEvent(long id, String key, Ticket ticket) {
		this.jdbcClient.sql("""
				INSERT INTO read_model.events (id, event_key, petzi_event_id, name, promoter)
				VALUES (:id, :key, :petziEventId, :name, :promoter)
				ON CONFLICT (event_key) DO UPDATE
				SET petzi_event_id = excluded.petzi_event_id, name = excluded.name, promoter = excluded.promoter
				WHERE (events.petzi_event_id, events.name, events.promoter)
					IS DISTINCT FROM (excluded.petzi_event_id, excluded.name, excluded.promoter)
				""")
			.param("id", id)
			.param("key", key)
			.param("petziEventId", ticket.eventId(), Types.BIGINT)
			.param("name", ticket.event(), Types.VARCHAR)
			.param("promoter", ticket.promoter(), Types.VARCHAR)
			.update();
	}

	void saveLocation(long id, String key, Location location) {
		this.jdbcClient.sql("""
				INSERT INTO read_model.locations (id, location_key, name, street, city, postcode)
				VALUES (:id, :key, :name, :street, :city, :postcode)
				ON CONFLICT (location_key) DO NOTHING
				""")
			.param("id", id)
			.param("key", key)
			.param("name", location.name(), Types.VARCHAR)
			.param("street", location.street(), Types.VARCHAR)
			.param("city", location.city(), Types.VARCHAR)
			.param("postcode", location.postcode(), Types.VARCHAR)
			.update();
	}

	/**
	 * Saves a session. Door time is the only column outside the key, so it is the only
	 * one an upsert can change.
	 */
	void saveSession(long id, String key, long eventId, Long locationId, Session session) {
		this.jdbcClient.sql("""
				INSERT INTO read_model.sessions (id, session_key, event_id, location_id, name, date, time, doors)
				VALUES (:id, :key, :eventId, :locationId, :name, :date, :time, :doors)
				ON CONFLICT (session_key) DO UPDATE
				SET doors = excluded.doors
				WHERE sessions.doors IS DISTINCT FROM excluded.doors
				""")
			.param("id", id)
			.param("key", key)
			.param("eventId", eventId)
			.param("locationId", locationId, Types.BIGINT)
			.param("name", session.name(), Types.VARCHAR)
			.param("date", session.date(), Types.DATE)
			.param("time", session.time(), Types.TIME)
			.param("doors", session.doors(), Types.TIME)
			.update();
	}

	/**
	 * Inserts a ticket or replaces every column of the stored one but its number and
	 * creation time.
	 */
	void saveTicket(Ticket ticket, Buyer buyer, long eventId, TicketVersion version, Instant createdAt) {
		Price price = (ticket.price() != null) ? ticket.price() : new Price(null, null);
		Buyer person = (buyer != null) ? buyer : new Buyer(null, null, null, null, null);
		Instant soldAt = (ticket.generatedAt() != null) ? ticket.generatedAt().toInstant() : createdAt;
		this.jdbcClient.sql("""
				INSERT INTO read_model.tickets (number, type, title, category, event_id, status, cancellation_reason,
					generated_at, sold_at, price_amount, price_currency, buyer_role, buyer_first_name, buyer_last_name,
					buyer_email, buyer_postcode, last_delivery_id, signature_timestamp, source_partition, source_offset,
					created_at, updated_at)
				VALUES (:number, :type, :title, :category, :eventId, :status, :cancellationReason,
					:generatedAt, :soldAt, :priceAmount, :priceCurrency, :buyerRole, :buyerFirstName, :buyerLastName,
					:buyerEmail, :buyerPostcode, :deliveryId, :signatureTimestamp, :partition, :offset,
					:createdAt, :updatedAt)
				ON CONFLICT (number) DO UPDATE
				SET type = excluded.type, title = excluded.title, category = excluded.category,
					event_id = excluded.event_id, status = excluded.status,
					cancellation_reason = excluded.cancellation_reason, generated_at = excluded.generated_at,
					sold_at = excluded.sold_at, price_amount = excluded.price_amount,
					price_currency = excluded.price_currency, buyer_role = excluded.buyer_role,
					buyer_first_name = excluded.buyer_first_name, buyer_last_name = excluded.buyer_last_name,
					buyer_email = excluded.buyer_email, buyer_postcode = excluded.buyer_postcode,
					last_delivery_id = excluded.last_delivery_id, signature_timestamp = excluded.signature_timestamp,
					source_partition = excluded.source_partition, source_offset = excluded.source_offset,
					updated_at = excluded.updated_at
				""")
			.param("number", ticket.number())
			.param("type", ticket.type(), Types.VARCHAR)
			.param("title", ticket.title(), Types.VARCHAR)
			.param("category", ticket.category(), Types.VARCHAR)
			.param("eventId", eventId)
			.param("status", ticket.isCancelled() ? "cancelled" : "valid")
			.param("cancellationReason", ticket.isCancelled() ? ticket.cancellationReason() : null, Types.VARCHAR)
			.param("generatedAt", utc(ticket.generatedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("soldAt", utc(soldAt))
			.param("priceAmount", price.amount(), Types.NUMERIC)
			.param("priceCurrency", price.currency(), Types.VARCHAR)
			.param("buyerRole", person.role(), Types.VARCHAR)
			.param("buyerFirstName", person.firstName(), Types.VARCHAR)
			.param("buyerLastName", person.lastName(), Types.VARCHAR)
			.param("buyerEmail", person.email(), Types.VARCHAR)
			.param("buyerPostcode", person.postcode(), Types.VARCHAR)
			.param("deliveryId", version.deliveryId())
			.param("signatureTimestamp", version.signatureTimestamp())
			.param("partition", version.partition())
			.param("offset", version.offset())
			.param("createdAt", utc(createdAt))
			.param("updatedAt", utc(version.receivedAt()))
			.update();
	}

	/**
	 * Replaces the ticket's session links with the given sessions, numbered from 1 in the
	 * order the ticket lists them.
	 */
	void replaceSessions(String number, List<Long> sessionIds) {
		this.jdbcClient.sql("DELETE FROM read_model.ticket_sessions WHERE ticket_number = :number")
			.param("number", number)
			.update();
		for (int i = 0; i < sessionIds.size(); i++) {
			this.jdbcClient.sql("""
					INSERT INTO read_model.ticket_sessions (ticket_number, position, session_id)
					VALUES (:number, :position, :sessionId)
					""")
				.param("number", number)
				.param("position", i + 1)
				.param("sessionId", sessionIds.get(i))
				.update();
		}
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
		return new StoredTicket(version, row.getObject("created_at", OffsetDateTime.class).toInstant(),
				row.getString("last_event"));
	}

	/**
	 * Version and creation time of a ticket as stored in the read model.
	 *
	 * @param version the delivery whose snapshot is stored
	 * @param createdAt when ingest received the ticket's first projected delivery
	 * @param lastEvent the {@code event} of the delivery whose snapshot is stored
	 */
	record StoredTicket(TicketVersion version, Instant createdAt, String lastEvent) {

		/**
		 * Returns whether the stored snapshot came from a {@code ticket_updated}
		 * delivery.
		 */
		boolean isFromUpdate() {
			return PetziWebhook.TICKET_UPDATED.equals(this.lastEvent);
		}

	}

}
