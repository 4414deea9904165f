package ch.petziwebhook.dashboard.ticket;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A ticket of the read model as the API and the pages show it. Field names follow Petzi's
 * webhook payload. The buyer's email is left out, so the API exposes no more personal
 * data than the pages show.
 *
 * @param number Petzi's ticket number
 * @param type {@code online_presale}, {@code ticket_proof}, {@code self_ticket} or
 * {@code null}
 * @param title the ticket's title
 * @param category the price category
 * @param eventId Petzi's event id, or {@code null} when Petzi sent none
 * @param event the event's name
 * @param promoter the promoter's name
 * @param generatedAt when Petzi issued the ticket, or {@code null}
 * @param status {@code valid} or {@code cancelled}
 * @param cancellationReason the reason of a cancelled ticket, else empty or {@code null}
 * @param price the price, or {@code null} when the ticket has none
 * @param buyer the buyer, or {@code null} when the ticket has none
 * @param sessions the sessions in Petzi's order
 * @param soldAt when the ticket was sold: {@code generatedAt}, or when the first delivery
 * was received if Petzi sent no {@code generatedAt}
 */
public record TicketView(String number, String type, String title, String category, Long eventId, String event,
		String promoter, OffsetDateTime generatedAt, String status, String cancellationReason, Price price, Buyer buyer,
		List<Session> sessions, OffsetDateTime soldAt) {

	/**
	 * Returns the date of the first session.
	 * @return the date, or {@code null} when the ticket has no session or the session no
	 * date
	 */
	public LocalDate firstSessionDate() {
		return this.sessions.isEmpty() ? null : this.sessions.get(0).date();
	}

	TicketView withoutBuyer() {
		return new TicketView(this.number, this.type, this.title, this.category, this.eventId, this.event,
				this.promoter, this.generatedAt, this.status, this.cancellationReason, this.price, null, this.sessions,
				this.soldAt);
	}

	TicketView withSessions(List<Session> sessions) {
		return new TicketView(this.number, this.type, this.title, this.category, this.eventId, this.event,
				this.promoter, this.generatedAt, this.status, this.cancellationReason, this.price, this.buyer,
				List.copyOf(sessions), this.soldAt);
	}

	/**
	 * A ticket's price.
	 *
	 * @param amount the amount with two decimals, for example {@code "52.50"}, kept a
	 * string as Petzi sends it so that no client reads it as a float
	 * @param currency the ISO 4217 code, for example {@code CHF}
	 */
	public record Price(String amount, String currency) {

	}

	/**
	 * The buyer of a ticket, without the email.
	 *
	 * @param role {@code customer}, {@code self_ticket}, {@code point_of_sale} or
	 * {@code unknown}
	 * @param firstName the first name, or {@code null}
	 * @param lastName the last name, or {@code null}
	 * @param postcode the postcode, or {@code null}
	 */
	public record Buyer(String role, String firstName, String lastName, String postcode) {

	}

	/**
	 * One session a ticket admits to, in venue local time (Europe/Zurich).
	 *
	 * @param name the session's name
	 * @param date the date
	 * @param time the start time, or {@code null}
	 * @param doors when the doors open, or {@code null}
	 * @param location the venue, or {@code null}
	 */
	public record Session(String name, LocalDate date, @JsonFormat(pattern = "HH:mm:ss") LocalTime time,
			@JsonFormat(pattern = "HH:mm:ss") LocalTime doors, Location location) {

	}

	/**
	 * A venue.
	 *
	 * @param name the venue's name
	 * @param street the street and number
	 * @param city the city
	 * @param postcode the postcode
	 */
	public record Location(String name, String street, String city, String postcode) {

	}

}
