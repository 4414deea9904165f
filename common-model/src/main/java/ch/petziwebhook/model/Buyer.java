package ch.petziwebhook.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Buyer of a ticket. Names, email and postcode are personal data: never log them.
 *
 * @param role {@code customer}, {@code self_ticket}, {@code point_of_sale} or
 * {@code unknown}
 * @param firstName the first name, or {@code null}
 * @param lastName the last name, or {@code null}
 * @param email the email address, or {@code null}
 * @param postcode the postcode, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Buyer(String role, String firstName, String lastName, String email, String postcode) {

	@Override
	public String toString() {
		return "Buyer[role=" + this.role + "]";
	}

}
