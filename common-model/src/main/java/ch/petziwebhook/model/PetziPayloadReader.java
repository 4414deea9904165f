package ch.petziwebhook.model;

import java.math.BigDecimal;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reader of raw webhook bodies. Unknown keys are ignored anywhere, because Petzi may add
 * fields at any time. Instances are thread-safe.
 */
public final class PetziPayloadReader {

	/**
	 * Maximum number of digits of {@code price.amount} before or after the decimal point,
	 * equal to Jackson 3.1's default maximum length of a number's text
	 * ({@code StreamReadConstraints}). An exponent lets a short text such as
	 * {@code 1e999999999} stand for a billion digits, which
	 * {@link BigDecimal#toPlainString()} would write out.
	 */
	public static final int MAX_AMOUNT_DIGITS = 1000;

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.addModule(
				new SimpleModule("encodable-strings").addDeserializer(String.class, new EncodableStringDeserializer()))
		.build();

	/**
	 * Reads a webhook body into a {@link PetziWebhook}.
	 * @param body the raw body bytes
	 * @return the webhook, never {@code null}
	 * @throws InvalidPayloadException if the body is not JSON, does not fit the payload's
	 * shape, or has a string that UTF-8 cannot encode
	 */
	public PetziWebhook read(byte[] body) {
		try {
			PetziWebhook webhook = this.mapper.readValue(body, PetziWebhook.class);
			if (webhook == null) {
				throw new InvalidPayloadException("Body is the JSON literal null, expected an object");
			}
			checkAmount(webhook.ticket());
			return webhook;
		}
		catch (JacksonException ex) {
			throw new InvalidPayloadException("Body is not a valid Petzi payload: " + ex.getOriginalMessage(), ex);
		}
	}

	private static void checkAmount(Ticket ticket) {
		BigDecimal amount = (ticket != null && ticket.price() != null) ? ticket.price().amount() : null;
		if (amount == null) {
			return;
		}
		if (amount.precision() - amount.scale() > MAX_AMOUNT_DIGITS || amount.scale() > MAX_AMOUNT_DIGITS) {
			throw new InvalidPayloadException("price.amount " + amount + " has more than " + MAX_AMOUNT_DIGITS
					+ " digits before or after the decimal point");
		}
	}

	/**
	 * Reads a webhook body that must describe a ticket change: a known event with a
	 * ticket that has a number.
	 * @param body the raw body bytes
	 * @return the webhook
	 * @throws InvalidPayloadException if the body is not JSON or carries no ticket number
	 */
	public PetziWebhook readTicketChange(byte[] body) {
		PetziWebhook webhook = read(body);
		Ticket ticket = webhook.ticket();
		if (ticket == null || ticket.number() == null || ticket.number().isBlank()) {
			throw new InvalidPayloadException("Payload has no details.ticket.number");
		}
		return webhook;
	}

	/**
	 * Extracts {@code details.ticket.number} without reading the rest of the body, for
	 * use as a record key. Returns empty, without throwing, for any body Jackson cannot
	 * read.
	 * @param body the raw body bytes
	 * @return the ticket number, or empty when the body is not JSON or has none
	 */
	public Optional<String> ticketNumber(byte[] body) {
		try {
			JsonNode number = this.mapper.readTree(body).path("details").path("ticket").path("number");
			if (number.isString() && !number.asString().isBlank()) {
				return Optional.of(number.asString());
			}
			return Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Reads the {@code event} field without reading the rest of the body. Returns empty,
	 * without throwing, for any body Jackson cannot read.
	 * @param body the raw body bytes
	 * @return the event name, or empty when the body is not JSON or has none
	 */
	public Optional<String> eventName(byte[] body) {
		try {
			JsonNode event = this.mapper.readTree(body).path("event");
			return event.isString() ? Optional.of(event.asString()) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

}
