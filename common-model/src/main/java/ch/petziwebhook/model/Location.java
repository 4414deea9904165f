package ch.petziwebhook.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Venue of a session.
 *
 * @param name the venue name
 * @param street the street and number
 * @param city the city
 * @param postcode the postcode
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Location(String name, String street, String city, String postcode) {

}
