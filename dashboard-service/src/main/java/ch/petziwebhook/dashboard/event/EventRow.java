package ch.petziwebhook.dashboard.event;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An event as the events page lists it.
 *
 * @param id the read model's id
 * @param eventId Petzi's event id, or {@code null}
 * @param name the event's name
 * @param promoter the promoter's name
 * @param firstDate the date of its first session, or {@code null}
 * @param soldTickets the number of valid tickets
 * @param cancelledTickets the number of cancelled tickets
 * @param revenue the sum of the prices of the valid tickets
 * @param currency the currency of those prices, or {@code null} when there are none;
 * {@code *} when they mix currencies
 */
public record EventRow(long id, Long eventId, String name, String promoter, LocalDate firstDate, long soldTickets,
		long cancelledTickets, BigDecimal revenue, String currency) {

}
