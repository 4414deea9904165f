package ch.petziwebhook.dashboard.event;

import java.time.LocalDate;

/**
 * An event's identity, as exports and charts name it.
 *
 * @param id the read model's id
 * @param eventId Petzi's event id, or {@code null}
 * @param name the event's name, or {@code null}
 * @param firstDate the date of its first session, or {@code null} when it has none
 */
public record EventRef(long id, Long eventId, String name, LocalDate firstDate) {

}
