package ch.petziwebhook.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic stream of synthetic raw deliveries: distinct ticket creations, with every
 * tenth delivery an update of an earlier ticket and every hundredth a re-delivery of an
 * earlier record with the same delivery id. The same seed gives the same stream.
 */
final class SyntheticDeliveries {

	/** Signature time of the first delivery (2025-01-01T12:00:00Z). */
	static final long FIRST_SIGNED_AT = 1735732800L;

	private static final int EVENTS = 200;

	private final SplittableRandom random = new SplittableRandom(20250101L);

	private int created;

	/**
	 * One raw record as ingest writes it.
	 */
	record RawDelivery(String ticketNumber, UUID deliveryId, Instant receivedAt, long signedAt, byte[] body,
			Kind kind) {

	}

	enum Kind {

		CREATED, UPDATED, DUPLICATE

	}

	/**
	 * Returns the kind of the delivery at a position of the stream.
	 */
	static Kind kindAt(long index) {
		long slot = index % 100;
		if (slot == 99 && index > 0) {
			return Kind.DUPLICATE;
		}
		if (slot % 10 == 5 && index > 100) {
			return Kind.UPDATED;
		}
		return Kind.CREATED;
	}

	/**
	 * Returns the delivery at a position of the stream. A duplicate repeats the record 50
	 * positions earlier, which is never a duplicate itself.
	 */
	RawDelivery next(long index) {
		Kind kind = kindAt(index);
		if (kind == Kind.DUPLICATE) {
			throw new IllegalArgumentException("Position " + index + " is a duplicate; use at(index - 50)");
		}
		long signedAt = FIRST_SIGNED_AT + index / 1000;
		Instant receivedAt = Instant.ofEpochSecond(signedAt, (index % 1000) * 1_000_000L);
		UUID deliveryId = UUID.nameUUIDFromBytes(("bench-delivery-" + index).getBytes(StandardCharsets.UTF_8));
		if (kind == Kind.CREATED) {
			int ticket = this.created++;
			return new RawDelivery(number(ticket), deliveryId, receivedAt, signedAt, body(ticket, "ticket_created", ""),
					kind);
		}
		int ticket = this.random.nextInt(Math.max(1, this.created));
		String reason = (this.random.nextInt(4) == 0) ? "event_cancellation" : "";
		return new RawDelivery(number(ticket), deliveryId, receivedAt, signedAt, body(ticket, "ticket_updated", reason),
				kind);
	}

	private static String number(int ticket) {
		return String.format(Locale.ROOT, "BENCH%09d", ticket);
	}

	private static byte[] body(int ticket, String event, String cancellationReason) {
		int eventId = 80000 + ticket % EVENTS;
		String json = """
				{"event":"%s","details":{"ticket":{"number":"%s","type":"online_presale","title":"Concert %d",\
				"category":"Prélocation","eventId":%d,"event":"Concert %d","cancellationReason":"%s",\
				"generatedAt":"2025-03-14T18:42:07.123456+00:00","sessions":[{"name":"Concert %d",\
				"date":"2025-04-12","time":"21:00:00","doors":"20:00:00","location":{"name":"Salle %d",\
				"street":"Rue de l'Exemple 14","city":"Neuchâtel","postcode":"2000"}}],\
				"promoter":"Association Exemple","price":{"amount":"%d.50","currency":"CHF"}},\
				"buyer":{"role":"customer","firstName":"Buyer%d","lastName":"Exemple","email":"b%d@example.org",\
				"postcode":"2000"}}}""".formatted(event, number(ticket), eventId, eventId, eventId, cancellationReason,
				eventId, eventId % 20, 20 + ticket % 60, ticket, ticket);
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
