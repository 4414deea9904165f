package ch.petziwebhook.model;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Ticket as Petzi describes it in a webhook. A {@code ticket_updated} delivery carries
 * the whole ticket again, so one instance is always a complete snapshot.
 *
 * @param number the ticket's identity, unique across Petzi
 * @param type {@code online_presale}, {@code ticket_proof}, {@code self_ticket} or
 * {@code null}
 * @param title the ticket's title
 * @param category the price category
 * @param eventId Petzi's event id, or {@code null}
 * @param event the event name
 * @param cancellationReason empty or {@code null} for a valid ticket, else the reason
 * @param generatedAt when Petzi issued the ticket, or {@code null}
 * @param promoter the organizer named on the ticket
 * @param sessions the sessions the ticket admits to, possibly none
 * @param price the price
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ticket(String number, String type, String title, String category, Long eventId, String event,
		String cancellationReason, OffsetDateTime generatedAt, String promoter, List<Session> sessions, Price price) {

	public Ticket {
		sessions = (sessions != null) ? List.copyOf(sessions) : List.of();
	}

	/**
	 * Returns whether the ticket carries a non-empty cancellation reason.
	 */
	public boolean isCancelled() {
		return this.cancellationReason != null && !this.cancellationReason.isBlank();
	}

}
