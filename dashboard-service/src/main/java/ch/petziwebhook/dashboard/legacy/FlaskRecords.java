package ch.petziwebhook.dashboard.legacy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON records of the Flask application's data paths, with its snake_case column
 * names. Money is a string with two decimals, as Flask wrote Python decimals.
 */
final class FlaskRecords {

	private FlaskRecords() {
	}

	/**
	 * A buyer. The read model keeps one buyer per ticket, so {@code ticket_number} takes
	 * the place of the Flask table's serial id.
	 */
	record Buyer(@JsonProperty("ticket_number") String ticketNumber, String role,
			@JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName, String postcode) {

	}

	record Location(long id, String name, String street, String city, String postcode) {

	}

	/** An event; {@code event_id} is Petzi's id, {@code id} the read model's. */
	record Event(long id, @JsonProperty("event_id") Long eventId, String name, String promoter) {

	}

	record Ticket(String number, String type, String title, String category, @JsonProperty("event_id") Long eventId,
			String status, @JsonProperty("cancellation_reason") String cancellationReason,
			@JsonProperty("generated_at") OffsetDateTime generatedAt, @JsonProperty("sold_at") OffsetDateTime soldAt,
			String promoter, @JsonProperty("price_amount") String priceAmount,
			@JsonProperty("price_currency") String priceCurrency) {

	}

	/** A session a ticket admits to, one record per ticket and session as in Flask. */
	record Session(long id, @JsonProperty("ticket_number") String ticketNumber, String name, LocalDate date,
			@JsonFormat(pattern = "HH:mm:ss") LocalTime time, @JsonFormat(pattern = "HH:mm:ss") LocalTime doors,
			@JsonProperty("location_id") Long locationId) {

	}

}
