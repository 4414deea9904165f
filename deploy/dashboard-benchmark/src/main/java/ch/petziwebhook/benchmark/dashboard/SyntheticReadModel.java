package ch.petziwebhook.benchmark.dashboard;

/**
 * The statements that fill the read model, each one set-based over
 * {@code generate_series}. Placeholders such as {@code :tickets} are replaced by whole
 * numbers before a statement runs. Event 1 gets {@code :bigEventTickets} tickets and the
 * others share the rest evenly. Sale times spread over the ten weeks before the load,
 * more of them in recent days, and every 33rd ticket is cancelled.
 */
final class SyntheticReadModel {

	static final String LOCATIONS = """
			INSERT INTO read_model.locations (location_key, name, street, city, postcode)
			SELECT 'benchmark-location-' || n, 'Venue ' || n, 'Rue du Marché ' || n,
			       (ARRAY['Bern', 'Zürich', 'Lausanne', 'Basel', 'Genève', 'Fribourg', 'Biel/Bienne', 'Luzern'])[1 + n % 8],
			       (1000 + n * 37)::text
			FROM generate_series(1, 20) n""";

	static final String EVENTS = """
			INSERT INTO read_model.events (event_key, petzi_event_id, name, promoter)
			SELECT 'petzi:' || (60000 + n), 60000 + n,
			       (ARRAY['Jazz Night', 'Rock Live', 'Electro Club', 'Folk Session', 'Hip-Hop Jam', 'Chanson'])[1 + n % 6]
			           || ' ' || lpad(n::text, 3, '0'),
			       'Promoter ' || (1 + n % 12)
			FROM generate_series(1, :events) n""";

	// Every fourth event has a second night.
	static final String SESSIONS = """
			INSERT INTO read_model.sessions (session_key, event_id, location_id, name, date, time, doors)
			SELECT e.event_key || '|night-' || k, e.id, 1 + e.id % 20, e.name || ' night ' || k,
			       current_date + (e.id % 90)::integer - 30 + k, time '20:30', time '19:30'
			FROM read_model.events e
			CROSS JOIN generate_series(1, 2) k
			WHERE k = 1 OR e.id % 4 = 0
			ORDER BY e.id, k""";

	static final String TICKETS = """
			INSERT INTO read_model.tickets (number, type, title, category, event_id, status, cancellation_reason,
			    generated_at, sold_at, price_amount, price_currency, buyer_role, buyer_first_name, buyer_last_name,
			    buyer_email, buyer_postcode, last_delivery_id, signature_timestamp, source_partition, source_offset,
			    created_at, updated_at)
			SELECT 'BT' || lpad(i::text, 8, '0'), 'ticket',
			       (ARRAY['Standard', 'Reduced', 'Early bird', 'Guest list'])[1 + i % 4],
			       (ARRAY['Seated', 'Standing', 'Standing', 'VIP'])[1 + i % 4],
			       CASE WHEN i <= :bigEventTickets THEN 1 ELSE 2 + (i - :bigEventTickets - 1) % :otherEvents END,
			       CASE WHEN i % 33 = 0 THEN 'cancelled' ELSE 'valid' END,
			       CASE WHEN i % 33 = 0 THEN 'Refunded on request' END,
			       sold_at, sold_at,
			       (ARRAY[25.00, 35.00, 45.50, 18.00])[1 + i % 4], 'CHF', 'customer',
			       (ARRAY['Anna', 'Luca', 'Léa', 'Noah', 'Mia', 'Elias', 'Lena', 'Leon', 'Emma', 'Nico',
			              'Chloé', 'Samuel', 'Sara', 'David', 'Laura', 'Jonas', 'Julia', 'Tim', 'Nina', 'Yannick'])[1 + i % 20],
			       (ARRAY['Müller', 'Meier', 'Schmid', 'Keller', 'Weber', 'Huber', 'Schneider', 'Meyer', 'Steiner',
			              'Fischer', 'Gerber', 'Brunner', 'Baumann', 'Frei', 'Zimmermann', 'Moser', 'Widmer',
			              'Wyss', 'Graf', 'Roth', 'Favre', 'Rochat', 'Bonvin', 'Rossi', 'Bianchi', 'Dubois',
			              'Morel', 'Perrin', 'Girard', 'Blanc'])[1 + (i * 7) % 30],
			       'buyer' || i || '@example.org', (1000 + (i * 13) % 8000)::text,
			       gen_random_uuid(), extract(epoch FROM sold_at)::bigint, i % 3, i, sold_at, sold_at
			FROM generate_series(1, :tickets) i
			CROSS JOIN LATERAL (
			    SELECT now() - make_interval(secs => (random() ^ 2) * 70 * 86400 + i % 7) AS sold_at
			) sale""";

	// A ticket of a two-night event belongs to one of the nights.
	static final String TICKET_SESSIONS = """
			INSERT INTO read_model.ticket_sessions (ticket_number, position, session_id)
			SELECT t.number, 0, s.ids[1 + abs(hashtext(t.number)) % cardinality(s.ids)]
			FROM read_model.tickets t
			JOIN (SELECT event_id, array_agg(id ORDER BY id) AS ids FROM read_model.sessions GROUP BY event_id) s
			  ON s.event_id = t.event_id""";

	static final String DELIVERIES = """
			INSERT INTO read_model.deliveries (delivery_id, received_at, event, ticket_number, status, error,
			    signature_timestamp, source_partition, source_offset, processed_at)
			SELECT last_delivery_id, sold_at, 'ticket_created', number, 'projected', NULL,
			       signature_timestamp, source_partition, source_offset, sold_at
			FROM read_model.tickets""";

	private SyntheticReadModel() {
	}

}
