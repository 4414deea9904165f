package ch.petziwebhook.ingest.webhook;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import org.springframework.stereotype.Component;

/**
 * Reader of {@code details.ticket.number}, the record key, from a raw body. It walks the
 * JSON tokens and stops at the ticket number, skipping other values without building
 * them, because ingest needs only the key and the body stays untouched.
 * <p>
 * NOTE: unlike a tree read of the whole body, it returns the first {@code number} of a
 * ticket that repeats the field, and it does not notice malformed JSON after the number.
 * Both bodies are still published, and the projector decides what they are.
 */
@Component
class TicketNumberReader {

	private final JsonFactory factory = JsonFactory.builder().build();

	/**
	 * Reads the ticket number of a body.
	 * @param body the raw body bytes
	 * @return the ticket number, or empty when the body is not a JSON object, has no
	 * string {@code details.ticket.number}, or that string is blank
	 */
	Optional<String> ticketNumber(byte[] body) {
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT || !enterObject(parser, "details")
					|| !enterObject(parser, "ticket")) {
				return Optional.empty();
			}
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken value = parser.nextToken();
				if ("number".equals(name)) {
					return (value == JsonToken.VALUE_STRING && !parser.getString().isBlank())
							? Optional.of(parser.getString()) : Optional.empty();
				}
				parser.skipChildren();
			}
			return Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Moves the parser into the object value of the named field of the current object.
	 * @return {@code false} when the field is missing or its value is not an object
	 */
	private static boolean enterObject(JsonParser parser, String field) {
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			if (field.equals(name)) {
				return value == JsonToken.START_OBJECT;
			}
			parser.skipChildren();
		}
		return false;
	}

}
