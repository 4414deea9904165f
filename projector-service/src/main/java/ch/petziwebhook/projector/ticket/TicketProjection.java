package ch.petziwebhook.projector.ticket;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.Location;
import ch.petziwebhook.model.LogValues;
import ch.petziwebhook.model.PetziWebhook;
import ch.petziwebhook.model.Price;
import ch.petziwebhook.model.Session;
import ch.petziwebhook.model.Ticket;
import ch.petziwebhook.projector.ticket.TicketRepository.EventRow;
import ch.petziwebhook.projector.ticket.TicketRepository.LocationRow;
import ch.petziwebhook.projector.ticket.TicketRepository.SessionRow;
import ch.petziwebhook.projector.ticket.TicketRepository.StoredTicket;
import ch.petziwebhook.projector.ticket.TicketRepository.TicketRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projection of ticket snapshots into the read model: the event, locations, sessions, the
 * ticket with its buyer, and the ticket's sessions in order. A snapshot older than the
 * stored one changes nothing.
 */
@Component
public class TicketProjection {

	private static final Logger log = LoggerFactory.getLogger(TicketProjection.class);

	// numeric(10,2) allows at most eight digits before the decimal point.
	private static final BigDecimal PRICE_LIMIT = new BigDecimal("100000000");

	private final TicketRepository repository;

	TicketProjection(TicketRepository repository) {
		this.repository = repository;
	}

	/**
	 * Checks that a ticket contains only values the read model can store.
	 * @throws InvalidPayloadException if it does not
	 */
	public void check(Ticket ticket) {
		checkPrice(ticket.price());
	}

	/**
	 * Projects ticket snapshots in order, with one multi-row statement per table. The
	 * rows are the same as when each snapshot is projected on its own in that order. So
	 * every snapshot that is not stale saves its event, locations and sessions, and each
	 * ticket ends with its last snapshot that is not stale. Runs inside the caller's
	 * transaction, which also records the deliveries.
	 * <p>
	 * This method locks the tickets and writes every table except the tickets table. The
	 * caller writes the tickets with {@link Projected#saveTickets()} as the transaction's
	 * last statement, because the triggers that keep the event totals take a lock that
	 * every writer needs until its commit. The later that lock is taken, the more of
	 * concurrent transactions runs in parallel.
	 * @param changes the snapshots, each checked with {@link #check(Ticket)}
	 * @return what each snapshot changed, in the same order, and the tickets to save
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Projected project(List<TicketChange> changes) {
		if (changes.isEmpty()) {
			return new Projected(List.of(), List.of(), Set.of());
		}
		Set<String> numbers = new TreeSet<>();
		changes.forEach((change) -> numbers.add(change.number()));
		Map<String, StoredTicket> current = new HashMap<>(this.repository.findAllForUpdate(numbers));
		Set<String> stored = Set.copyOf(current.keySet());

		Rows rows = new Rows();
		List<ProjectionResult> results = new ArrayList<>(changes.size());
		for (TicketChange change : changes) {
			results.add(apply(change, current, rows));
		}

		this.repository.saveEvents(rows.events.values());
		this.repository.saveLocations(rows.locations.values());
		this.repository.saveSessions(rows.sessions.values());
		// The links are written before their tickets, which the caller saves last. No
		// foreign key ties a link to its ticket or session.
		this.repository.replaceSessions(rows.sessionIds, stored);
		return new Projected(results, rows.tickets.values(), stored);
	}

	private ProjectionResult apply(TicketChange change, Map<String, StoredTicket> current, Rows rows) {
		Ticket ticket = change.webhook().ticket();
		TicketVersion version = change.version();
		StoredTicket stored = current.get(ticket.number());
		if (stored != null && version.isOlderThan(stored.version())) {
			log.warn("Skipped delivery {} because ticket {} has a newer one from delivery {}", version.deliveryId(),
					LogValues.ticketNumber(ticket.number()), stored.version().deliveryId());
			return ProjectionResult.STALE;
		}
		if (stored != null && isLateCreate(change.webhook(), stored)) {
			log.warn("Skipped delivery {} because ticket {} was already updated by delivery {}", version.deliveryId(),
					LogValues.ticketNumber(ticket.number()), stored.version().deliveryId());
			return ProjectionResult.STALE;
		}

		Instant createdAt = (stored != null) ? stored.createdAt() : version.receivedAt();
		String eventKey = ReadModelKeys.eventKey(ticket);
		long eventId = rows.idOf(eventKey);
		rows.events.put(eventKey, new EventRow(eventId, eventKey, ticket));
		List<Long> sessionIds = addSessions(eventKey, eventId, ticket.sessions(), rows);
		rows.tickets.put(ticket.number(), new TicketRow(ticket, change.webhook().buyer(), eventId, version, createdAt));
		rows.sessionIds.put(ticket.number(), sessionIds);
		current.put(ticket.number(), new StoredTicket(ticket.number(), version, createdAt, change.webhook().event()));

		return (stored != null) ? ProjectionResult.UPDATED : ProjectionResult.CREATED;
	}

	/**
	 * Finds the effect a delivery had when its snapshot is still the ticket's stored one,
	 * so that its ticket event can be published again after a re-delivery.
	 * @param number the ticket number of the delivery
	 * @param deliveryId the delivery
	 * @return {@link ProjectionResult#CREATED} or {@link ProjectionResult#UPDATED}, empty
	 * when a later delivery replaced the snapshot, or the delivery was not projected
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<ProjectionResult> currentResult(String number, UUID deliveryId) {
		return this.repository.findCurrentChange(number, deliveryId)
			.map((created) -> created ? ProjectionResult.CREATED : ProjectionResult.UPDATED);
	}

	/**
	 * Returns whether a {@code ticket_created} arrives after the ticket was already
	 * updated. Petzi signs at send time, so a retried creation can carry a newer
	 * timestamp than the update it must not undo.
	 */
	private static boolean isLateCreate(PetziWebhook change, StoredTicket stored) {
		return PetziWebhook.TICKET_CREATED.equals(change.event()) && stored.isFromUpdate();
	}

	private static List<Long> addSessions(String eventKey, long eventId, List<Session> sessions, Rows rows) {
		List<Long> sessionIds = new ArrayList<>(sessions.size());
		for (Session session : sessions) {
			String locationKey = addLocation(session.location(), rows);
			Long locationId = (locationKey != null) ? rows.idOf(locationKey) : null;
			String sessionKey = rows.sessionKeys.computeIfAbsent(new SessionOf(eventKey, session, locationKey),
					(of) -> ReadModelKeys.sessionKey(of.eventKey(), of.session(), of.locationKey()));
			long sessionId = rows.idOf(sessionKey);
			rows.sessions.put(sessionKey, new SessionRow(sessionId, sessionKey, eventId, locationId, session));
			sessionIds.add(sessionId);
		}
		return sessionIds;
	}

	private static String addLocation(Location location, Rows rows) {
		if (location == null) {
			return null;
		}
		String key = rows.locationKeys.computeIfAbsent(location, ReadModelKeys::locationKey);
		rows.locations.putIfAbsent(key, new LocationRow(rows.idOf(key), key, location));
		return key;
	}

	// PostgreSQL would round a third decimal away silently, and money must not change.
	private static void checkPrice(Price price) {
		BigDecimal amount = (price != null) ? price.amount() : null;
		if (amount == null) {
			return;
		}
		if (amount.stripTrailingZeros().scale() > 2) {
			throw new InvalidPayloadException("price.amount " + amount.toPlainString() + " has more than two decimals");
		}
		if (amount.abs().compareTo(PRICE_LIMIT) >= 0) {
			throw new InvalidPayloadException(
					"price.amount " + amount.toPlainString() + " is too large for numeric(10,2)");
		}
	}

	/**
	 * Outcome of {@link #project}: what each snapshot changed, and the tickets still to
	 * be saved.
	 */
	public final class Projected {

		private final List<ProjectionResult> results;

		private final Collection<TicketRow> tickets;

		private final Set<String> stored;

		private Projected(List<ProjectionResult> results, Collection<TicketRow> tickets, Set<String> stored) {
			this.results = results;
			this.tickets = tickets;
			this.stored = stored;
		}

		/**
		 * Returns what each snapshot changed, in the order of the snapshots.
		 */
		public List<ProjectionResult> results() {
			return this.results;
		}

		/**
		 * Saves the tickets, as the last statement of the transaction.
		 */
		public void saveTickets() {
			TicketProjection.this.repository.saveTickets(this.tickets, this.stored);
		}

	}

	/**
	 * Rows a batch writes, one per key, sorted by key so that concurrent batches lock
	 * rows in the same order. A later snapshot replaces the row of an earlier one, as it
	 * would when each snapshot is written on its own.
	 */
	private static final class Rows {

		private final Map<String, EventRow> events = new TreeMap<>();

		private final Map<String, LocationRow> locations = new TreeMap<>();

		private final Map<String, SessionRow> sessions = new TreeMap<>();

		private final Map<String, TicketRow> tickets = new TreeMap<>();

		private final Map<String, List<Long>> sessionIds = new TreeMap<>();

		// Many tickets of a batch share their event, sessions and locations, so their
		// keys and hashed ids are computed once per batch.
		private final Map<String, Long> ids = new HashMap<>();

		private final Map<Location, String> locationKeys = new HashMap<>();

		private final Map<SessionOf, String> sessionKeys = new HashMap<>();

		long idOf(String key) {
			return this.ids.computeIfAbsent(key, ReadModelKeys::idOf);
		}

	}

	/**
	 * Parts of a session key.
	 */
	private record SessionOf(String eventKey, Session session, String locationKey) {

	}

}
