package ch.petziwebhook.projector.ticket;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.Location;
import ch.petziwebhook.model.PetziWebhook;
import ch.petziwebhook.model.Price;
import ch.petziwebhook.model.Session;
import ch.petziwebhook.model.Ticket;
import ch.petziwebhook.projector.ticket.TicketRepository.StoredTicket;
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
	 * Projects the ticket of a {@code ticket_created} or {@code ticket_updated} delivery.
	 * Runs inside the caller's transaction, which also records the delivery.
	 * @param change a webhook with a ticket that has a number
	 * @param version where the delivery sits in the order of deliveries
	 * @return what changed
	 * @throws InvalidPayloadException if the ticket contains a value the read model
	 * cannot store
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public ProjectionResult project(PetziWebhook change, TicketVersion version) {
		Ticket ticket = change.ticket();
		checkPrice(ticket.price());

		Optional<StoredTicket> stored = this.repository.findForUpdate(ticket.number());
		if (stored.isPresent() && version.isOlderThan(stored.get().version())) {
			log.warn("Skipped delivery {} because ticket {} has a newer one from delivery {}", version.deliveryId(),
					ticket.number(), stored.get().version().deliveryId());
			return ProjectionResult.STALE;
		}
		if (stored.isPresent() && isLateCreate(change, stored.get())) {
			log.warn("Skipped delivery {} because ticket {} was already updated by delivery {}", version.deliveryId(),
					ticket.number(), stored.get().version().deliveryId());
			return ProjectionResult.STALE;
		}

		Instant createdAt = stored.map(StoredTicket::createdAt).orElse(version.receivedAt());
		String eventKey = ReadModelKeys.eventKey(ticket);
		long eventId = ReadModelKeys.idOf(eventKey);
		this.repository.saveEvent(eventId, eventKey, ticket);
		List<Long> sessionIds = saveSessions(eventKey, eventId, ticket.sessions());
		this.repository.saveTicket(ticket, change.buyer(), eventId, version, createdAt);
		this.repository.replaceSessions(ticket.number(), sessionIds);

		log.debug("Projected ticket {} from delivery {}", ticket.number(), version.deliveryId());
		return stored.isPresent() ? ProjectionResult.UPDATED : ProjectionResult.CREATED;
	}

	/**
	 * Returns whether a {@code ticket_created} arrives after the ticket was already
	 * updated. Petzi signs at send time, so a retried creation can carry a newer
	 * timestamp than the update it must not undo.
	 */
	private static boolean isLateCreate(PetziWebhook change, StoredTicket stored) {
		return PetziWebhook.TICKET_CREATED.equals(change.event()) && stored.isFromUpdate();
	}

	private List<Long> saveSessions(String eventKey, long eventId, List<Session> sessions) {
		List<Long> sessionIds = new ArrayList<>(sessions.size());
		for (Session session : sessions) {
			String locationKey = saveLocation(session.location());
			Long locationId = (locationKey != null) ? ReadModelKeys.idOf(locationKey) : null;
			String sessionKey = ReadModelKeys.sessionKey(eventKey, session, locationKey);
			long sessionId = ReadModelKeys.idOf(sessionKey);
			this.repository.saveSession(sessionId, sessionKey, eventId, locationId, session);
			sessionIds.add(sessionId);
		}
		return sessionIds;
	}

	private String saveLocation(Location location) {
		if (location == null) {
			return null;
		}
		String key = ReadModelKeys.locationKey(location);
		this.repository.saveLocation(ReadModelKeys.idOf(key), key, location);
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

}
