package ch.petziwebhook.dashboard.catalog;

import java.time.LocalDate;
import java.time.LocalTime;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A session of an event, in venue local time (Europe/Zurich).
 *
 * @param id the read model's id
 * @param eventId the read model's id of the event, as in {@code /api/events}
 * @param locationId the read model's id of the venue, or {@code null}
 * @param name the session's name
 * @param date the date
 * @param time the start time, or {@code null}
 * @param doors when the doors open, or {@code null}
 */
record SessionView(long id, long eventId, Long locationId, String name, LocalDate date,
		@JsonFormat(pattern = "HH:mm:ss") LocalTime time, @JsonFormat(pattern = "HH:mm:ss") LocalTime doors) {

}
