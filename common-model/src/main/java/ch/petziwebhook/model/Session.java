package ch.petziwebhook.model;

import java.time.LocalDate;
import java.time.LocalTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One session a ticket admits to. Date and times are venue local time (Europe/Zurich).
 *
 * @param name the session name
 * @param date the day of the session
 * @param time the start time, or {@code null}
 * @param doors the door opening time, or {@code null}
 * @param location where the session takes place, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Session(String name, LocalDate date, LocalTime time, LocalTime doors, Location location) {

}
