package ch.petziwebhook.dashboard.event;

/**
 * An event of the read model with its ticket counts.
 *
 * @param id the read model's id of the event
 * @param eventId Petzi's event id, or {@code null} when Petzi sent none
 * @param name the event's name
 * @param promoter the promoter's name
 * @param validTickets the number of tickets that are not cancelled
 * @param cancelledTickets the number of cancelled tickets
 */
public record EventSummary(long id, Long eventId, String name, String promoter, long validTickets,
		long cancelledTickets) {

}
