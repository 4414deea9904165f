package ch.petziwebhook.projector.ticket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import ch.petziwebhook.model.Location;
import ch.petziwebhook.model.Session;
import ch.petziwebhook.model.Ticket;
import tools.jackson.databind.json.JsonMapper;

/**
 * Natural keys of events, locations and sessions, and the row ids derived from them.
 * <p>
 * Ids are a hash of the key instead of a sequence value. A sequence hands out different
 * numbers after a rolled-back attempt or when partitions interleave in another order,
 * while a hashed id is the same in every replay of the topic.
 */
final class ReadModelKeys {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_TIME;

	private ReadModelKeys() {
	}

	/**
	 * Returns {@code petzi:<eventId>} when Petzi sent an event id, else
	 * {@code name:<event name>}.
	 */
	static String eventKey(Ticket ticket) {
		if (ticket.eventId() != null) {
			return "petzi:" + ticket.eventId();
		}
		return "name:" + Objects.toString(ticket.event(), "");
	}

	/**
	 * Returns the location's name, street, city and postcode as a JSON array, which keeps
	 * the parts apart whatever characters they contain.
	 */
	static String locationKey(Location location) {
		return JSON.writeValueAsString(
				new String[] { location.name(), location.street(), location.city(), location.postcode() });
	}

	/**
	 * Returns the event key, session name, date, start time and location key as a JSON
	 * array.
	 * @param eventKey the key of the ticket's event
	 * @param session the session
	 * @param locationKey the key of the session's location, or {@code null} when it has
	 * none
	 */
	static String sessionKey(String eventKey, Session session, String locationKey) {
		String date = (session.date() != null) ? session.date().toString() : null;
		String time = (session.time() != null) ? TIME.format(session.time()) : null;
		return JSON.writeValueAsString(new String[] { eventKey, session.name(), date, time, locationKey });
	}

	/**
	 * Derives a row id from a natural key: the first 53 bits of its SHA-256, so the id is
	 * positive and fits a JavaScript number exactly. For n keys the chance of any
	 * collision is about n²/2^54, under one in a million for 100,000 keys.
	 */
	// NOTE: a collision would fail the insert on the primary key and be retried forever,
	// because the error handler cannot distinguish it from a transient failure.
	static long idOf(String key) {
		byte[] hash = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(hash).getLong() >>> 11;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing, but every Java runtime must provide it", ex);
		}
	}

}
