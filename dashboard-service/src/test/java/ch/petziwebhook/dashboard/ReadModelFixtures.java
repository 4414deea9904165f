package ch.petziwebhook.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seeds the projector's read model with plain SQL, as the projector would have written
 * it.
 */
public final class ReadModelFixtures {

	/** The number of {@link #aFestivalTicketWithThreeSessions()}. */
	public static final String FESTIVAL_TICKET = "FEST-0001";

	/** The number of {@link #aHostileTicket()}. */
	public static final String HOSTILE_TICKET = "HOSTILE-1";

	/** A string that breaks pages and SQL that do not escape it. */
	public static final String HOSTILE_TEXT = "<script>alert('x')</script> & \"quotes\" '; DROP TABLE tickets; --";

	private final JdbcClient jdbcClient;

	private final AtomicLong offsets = new AtomicLong();

	public ReadModelFixtures(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Deletes every row of the read model.
	 */
	public void deleteAll() {
		this.jdbcClient.sql("""
				TRUNCATE read_model.ticket_sessions, read_model.tickets, read_model.sessions,
				         read_model.locations, read_model.events, read_model.deliveries
				""").update();
	}

	public long anEvent(Long petziEventId, String name, String promoter) {
		return this.jdbcClient.sql("""
				INSERT INTO read_model.events (event_key, petzi_event_id, name, promoter)
				VALUES (:eventKey, :petziEventId, :name, :promoter)
				RETURNING id
				""")
			.param("eventKey", (petziEventId != null) ? "petzi:" + petziEventId : "name:" + name)
			.param("petziEventId", petziEventId)
			.param("name", name)
			.param("promoter", promoter)
			.query(Long.class)
			.single();
	}

	public long aLocation(String name, String street, String city, String postcode) {
		return this.jdbcClient.sql("""
				INSERT INTO read_model.locations (location_key, name, street, city, postcode)
				VALUES (:locationKey, :name, :street, :city, :postcode)
				RETURNING id
				""")
			.param("locationKey", String.join("|", name, street, city, postcode))
			.param("name", name)
			.param("street", street)
			.param("city", city)
			.param("postcode", postcode)
			.query(Long.class)
			.single();
	}

	public long aSession(long eventId, Long locationId, String name, LocalDate date, LocalTime time, LocalTime doors) {
		return this.jdbcClient.sql("""
				INSERT INTO read_model.sessions (session_key, event_id, location_id, name, date, time, doors)
				VALUES (:sessionKey, :eventId, :locationId, :name, :date, :time, :doors)
				RETURNING id
				""")
			.param("sessionKey", UUID.randomUUID().toString())
			.param("eventId", eventId)
			.param("locationId", locationId)
			.param("name", name)
			.param("date", date)
			.param("time", time)
			.param("doors", doors)
			.query(Long.class)
			.single();
	}

	public void aTicket(TicketRow ticket) {
		long offset = this.offsets.incrementAndGet();
		this.jdbcClient.sql("""
				INSERT INTO read_model.tickets (number, type, title, category, event_id, status,
				    cancellation_reason, generated_at, sold_at, price_amount, price_currency,
				    buyer_role, buyer_first_name, buyer_last_name, buyer_email, buyer_postcode,
				    last_delivery_id, signature_timestamp, source_partition, source_offset,
				    created_at, updated_at)
				VALUES (:number, :type, :title, :category, :eventId, :status,
				    :cancellationReason, :generatedAt, :soldAt, :priceAmount, :priceCurrency,
				    :buyerRole, :buyerFirstName, :buyerLastName, :buyerEmail, :buyerPostcode,
				    :deliveryId, 1735732800, 0, :offset, :soldAt, :soldAt)
				""")
			.param("number", ticket.number())
			.param("type", ticket.type())
			.param("title", ticket.title())
			.param("category", ticket.category())
			.param("eventId", ticket.eventId())
			.param("status", ticket.status())
			.param("cancellationReason", ticket.cancellationReason())
			.param("generatedAt", ticket.generatedAt())
			.param("soldAt", ticket.soldAt())
			.param("priceAmount", ticket.priceAmount())
			.param("priceCurrency", ticket.priceCurrency())
			.param("buyerRole", ticket.buyerRole())
			.param("buyerFirstName", ticket.buyerFirstName())
			.param("buyerLastName", ticket.buyerLastName())
			.param("buyerEmail", ticket.buyerEmail())
			.param("buyerPostcode", ticket.buyerPostcode())
			.param("deliveryId", UUID.randomUUID())
			.param("offset", offset)
			.update();
	}

	public void aTicketSession(String ticketNumber, int position, long sessionId) {
		this.jdbcClient.sql("""
				INSERT INTO read_model.ticket_sessions (ticket_number, position, session_id)
				VALUES (:ticketNumber, :position, :sessionId)
				""")
			.param("ticketNumber", ticketNumber)
			.param("position", position)
			.param("sessionId", sessionId)
			.update();
	}

	/**
	 * Records a projected delivery in the delivery log.
	 * @param receivedAt when ingest received it
	 */
	public void aDelivery(String ticketNumber, OffsetDateTime receivedAt) {
		this.jdbcClient.sql("""
				INSERT INTO read_model.deliveries (delivery_id, received_at, event, ticket_number, status,
				    source_partition, source_offset, processed_at)
				VALUES (:deliveryId, :receivedAt, 'ticket_created', :ticketNumber, 'projected', 0, :offset, :receivedAt)
				""")
			.param("deliveryId", UUID.randomUUID())
			.param("receivedAt", receivedAt)
			.param("ticketNumber", ticketNumber)
			.param("offset", this.offsets.incrementAndGet())
			.update();
	}

	/**
	 * Seeds a three-day festival pass with an emoji in its event name, its sessions
	 * inserted out of position order.
	 * @return the ticket number
	 */
	public String aFestivalTicketWithThreeSessions() {
		long event = anEvent(61234L, "Gurten Festival 🎸 2025", "Gurten AG");
		long location = aLocation("Gurten Kulm", "Gurtenpark 1", "Wabern", "3084");
		long friday = aSession(event, location, "Freitag", LocalDate.of(2025, 7, 18), LocalTime.of(14, 0),
				LocalTime.of(13, 30));
		long saturday = aSession(event, location, "Samstag", LocalDate.of(2025, 7, 19), LocalTime.of(12, 0), null);
		long sunday = aSession(event, null, "Sonntag", LocalDate.of(2025, 7, 20), null, null);

		aTicket(new TicketRow(FESTIVAL_TICKET, "online_presale", "3-Tagespass 🎉", "Festivalpass", event, "valid", "",
				OffsetDateTime.parse("2025-03-01T09:15:30Z"), OffsetDateTime.parse("2025-03-01T09:15:30Z"),
				new BigDecimal("52.50"), "CHF", "customer", "Zoë", "Müller", "zoe@example.com", "3012"));
		aTicketSession(FESTIVAL_TICKET, 2, sunday);
		aTicketSession(FESTIVAL_TICKET, 0, friday);
		aTicketSession(FESTIVAL_TICKET, 1, saturday);
		return FESTIVAL_TICKET;
	}

	/**
	 * Seeds a ticket whose free text fields all hold {@link #HOSTILE_TEXT}.
	 * @return the ticket number
	 */
	public String aHostileTicket() {
		long event = anEvent(null, HOSTILE_TEXT, HOSTILE_TEXT);
		aTicket(new TicketRow(HOSTILE_TICKET, "self_ticket", HOSTILE_TEXT, HOSTILE_TEXT, event, "valid", "", null,
				OffsetDateTime.parse("2025-01-01T12:00:00Z"), new BigDecimal("0.00"), "CHF", "self_ticket",
				HOSTILE_TEXT, HOSTILE_TEXT, null, HOSTILE_TEXT));
		return HOSTILE_TICKET;
	}

	/**
	 * Seeds a ticket without event, price, buyer, sessions, type and {@code generatedAt}.
	 * @param number the ticket number
	 * @return the ticket number
	 */
	public String aBareTicket(String number) {
		aTicket(new TicketRow(number, null, null, null, null, "valid", null, null,
				OffsetDateTime.parse("2025-01-01T12:00:00Z"), null, null, null, null, null, null, null));
		return number;
	}

	/**
	 * A row of {@code read_model.tickets}, the projector's bookkeeping columns left out.
	 */
	public record TicketRow(String number, String type, String title, String category, Long eventId, String status,
			String cancellationReason, OffsetDateTime generatedAt, OffsetDateTime soldAt, BigDecimal priceAmount,
			String priceCurrency, String buyerRole, String buyerFirstName, String buyerLastName, String buyerEmail,
			String buyerPostcode) {

		/**
		 * Creates a valid ticket of an event sold at the given time.
		 * @param number the ticket number
		 * @param eventId the read model id of the event
		 * @param soldAt when it was sold
		 * @return the row
		 */
		public static TicketRow aValidTicket(String number, long eventId, OffsetDateTime soldAt) {
			return new TicketRow(number, "online_presale", "Eintritt", "Normal", eventId, "valid", "", soldAt, soldAt,
					new BigDecimal("25.00"), "CHF", "customer", "Anna", "Beispiel", "anna@example.com", "3000");
		}

		/**
		 * Returns this ticket cancelled.
		 * @param reason the cancellation reason
		 * @return the cancelled row
		 */
		public TicketRow cancelled(String reason) {
			return new TicketRow(this.number, this.type, this.title, this.category, this.eventId, "cancelled", reason,
					this.generatedAt, this.soldAt, this.priceAmount, this.priceCurrency, this.buyerRole,
					this.buyerFirstName, this.buyerLastName, this.buyerEmail, this.buyerPostcode);
		}

	}

}
