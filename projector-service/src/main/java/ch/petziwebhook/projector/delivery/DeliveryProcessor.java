package ch.petziwebhook.projector.delivery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.PetziWebhook;
import ch.petziwebhook.model.Ticket;
import ch.petziwebhook.model.TicketEvent;
import ch.petziwebhook.projector.ticket.ProjectionResult;
import ch.petziwebhook.projector.ticket.TicketChange;
import ch.petziwebhook.projector.ticket.TicketProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processor of a list of deliveries in one database transaction: it projects the ticket
 * snapshots with one multi-row statement per table, records every delivery, and returns
 * the ticket events to publish once the transaction committed.
 * <p>
 * Processing stops before the first delivery whose payload cannot be projected, so the
 * deliveries before it are committed and the caller can hand that one to the error
 * handler alone.
 */
@Component
class DeliveryProcessor {

	private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

	private final PetziPayloadReader reader = new PetziPayloadReader();

	private final TicketProjection projection;

	private final DeliveryLog deliveryLog;

	private final TransactionTemplate transactionTemplate;

	private final TableStatistics statistics;

	DeliveryProcessor(TicketProjection projection, DeliveryLog deliveryLog, TransactionTemplate transactionTemplate,
			TableStatistics statistics) {
		this.projection = projection;
		this.deliveryLog = deliveryLog;
		this.transactionTemplate = transactionTemplate;
		this.statistics = statistics;
	}

	/**
	 * Processes deliveries in one transaction, up to the first one that cannot be
	 * projected.
	 * @return what was processed, once the transaction committed
	 */
	Result process(List<Delivery> deliveries) {
		Result result = this.transactionTemplate.execute((transaction) -> processInTransaction(deliveries));
		this.statistics.recordWritten(result.processed());
		return result;
	}

	private Result processInTransaction(List<Delivery> deliveries) {
		Map<UUID, DeliveryStatus> inDatabase = this.deliveryLog
			.findRecorded(deliveries.stream().map(Delivery::id).toList());
		Set<UUID> seen = new HashSet<>();
		List<Step> steps = new ArrayList<>(deliveries.size());
		InvalidPayloadException failure = null;
		for (Delivery delivery : deliveries) {
			if (isRecorded(delivery, inDatabase.get(delivery.id()))) {
				steps.add(recordedStep(delivery));
			}
			else if (!seen.add(delivery.id())) {
				steps.add(new Step(delivery, Kind.REPEATED, null,
						this.reader.ticketNumber(delivery.body()).orElse(null), Optional.empty()));
			}
			else {
				try {
					steps.add(newStep(delivery));
				}
				catch (InvalidPayloadException ex) {
					failure = ex;
					break;
				}
			}
		}

		List<TicketChange> changes = steps.stream()
			.filter((step) -> step.kind() == Kind.CHANGE)
			.map((step) -> new TicketChange(step.webhook(), step.delivery().version()))
			.toList();
		TicketProjection.Projected projected = this.projection.project(changes);
		Result result = record(steps, projected.results(), failure, inDatabase.keySet());
		projected.saveTickets();
		return result;
	}

	/**
	 * Returns whether a delivery was recorded by an earlier transaction, so that it must
	 * not be processed again. A failed delivery that an operator re-drove from the
	 * dead-letter topic is processed again.
	 */
	private static boolean isRecorded(Delivery delivery, DeliveryStatus recorded) {
		if (recorded == null) {
			return false;
		}
		return !(recorded == DeliveryStatus.FAILED && delivery.isRedriven());
	}

	private Step newStep(Delivery delivery) {
		PetziWebhook webhook = this.reader.read(delivery.body());
		if (webhook.event() == null) {
			throw new InvalidPayloadException("Payload has no event");
		}
		Ticket ticket = webhook.ticket();
		String number = (ticket != null && ticket.number() != null && !ticket.number().isBlank()) ? ticket.number()
				: null;
		if (!webhook.isTicketChange()) {
			return new Step(delivery, Kind.IGNORED, webhook, number, Optional.empty());
		}
		if (number == null) {
			throw new InvalidPayloadException("Payload has no details.ticket.number");
		}
		this.projection.check(ticket);
		return new Step(delivery, Kind.CHANGE, webhook, number, Optional.empty());
	}

	/**
	 * Returns the step of a delivery recorded by an earlier transaction, with its ticket
	 * event when its snapshot is still the stored one: that transaction may have
	 * committed without its event reaching the broker. Looked up before this batch writes
	 * anything.
	 */
	private Step recordedStep(Delivery delivery) {
		Optional<String> number = this.reader.ticketNumber(delivery.body());
		Optional<TicketEvent> event = number.flatMap((ticket) -> this.projection.currentResult(ticket, delivery.id()))
			.map((result) -> event(delivery, this.reader.readTicketChange(delivery.body()), result));
		return new Step(delivery, Kind.RECORDED, null, number.orElse(null), event);
	}

	/**
	 * Records the deliveries of the steps and collects the ticket events to publish.
	 * @param recorded the ids of deliveries recorded before the batch. A step that
	 * projects or ignores one of them replaces its failed row
	 */
	private Result record(List<Step> steps, List<ProjectionResult> results, InvalidPayloadException failure,
			Set<UUID> recorded) {
		List<DeliveryLog.Entry> entries = new ArrayList<>(steps.size());
		List<TicketEvent> events = new ArrayList<>();
		Map<DeliveryStatus, Integer> statuses = new EnumMap<>(DeliveryStatus.class);
		// The event of each ticket's latest snapshot in this batch, by ticket number.
		Map<String, TicketEvent> latest = new HashMap<>();
		int change = 0;
		for (Step step : steps) {
			Delivery delivery = step.delivery();
			boolean replacesFailure = recorded.contains(delivery.id());
			switch (step.kind()) {
				case CHANGE -> {
					ProjectionResult result = results.get(change++);
					DeliveryStatus status = (result != ProjectionResult.STALE) ? DeliveryStatus.PROJECTED
							: DeliveryStatus.STALE;
					entries.add(new DeliveryLog.Entry(delivery, step.webhook().event(), step.number(), status,
							replacesFailure));
					statuses.merge(status, 1, Integer::sum);
					if (result != ProjectionResult.STALE) {
						TicketEvent event = event(delivery, step.webhook(), result);
						latest.put(step.number(), event);
						events.add(event);
					}
				}
				case IGNORED -> {
					entries.add(new DeliveryLog.Entry(delivery, step.webhook().event(), step.number(),
							DeliveryStatus.IGNORED, replacesFailure));
					statuses.merge(DeliveryStatus.IGNORED, 1, Integer::sum);
					log.warn("Ignored delivery {} from {} because its event is not a ticket change", delivery.id(),
							delivery.source());
				}
				case RECORDED -> {
					log.debug("Skipped delivery {} from {} because it is already recorded", delivery.id(),
							delivery.source());
					// A snapshot of this batch replaced the recorded one.
					if (step.number() == null || !latest.containsKey(step.number())) {
						step.event().ifPresent(events::add);
					}
				}
				case REPEATED -> {
					log.debug("Skipped delivery {} from {} because it came earlier in the batch", delivery.id(),
							delivery.source());
					TicketEvent current = (step.number() != null) ? latest.get(step.number()) : null;
					if (current != null && current.deliveryId().equals(delivery.id())) {
						events.add(current);
					}
				}
			}
		}
		this.deliveryLog.recordAll(entries);
		return new Result(steps.size(), statuses, events, failure);
	}

	private static TicketEvent event(Delivery delivery, PetziWebhook change, ProjectionResult result) {
		return TicketEvent.of(result == ProjectionResult.CREATED, delivery.id(), delivery.receivedAt(), change.ticket(),
				change.buyer());
	}

	/**
	 * Outcome of one transaction.
	 *
	 * @param processed how many deliveries, from the first, it processed and committed
	 * @param statuses how many deliveries it recorded with each status
	 * @param events the ticket events to publish, in delivery order
	 * @param failure why the delivery after the processed ones cannot be projected, or
	 * {@code null} when all were processed
	 */
	record Result(int processed, Map<DeliveryStatus, Integer> statuses, List<TicketEvent> events,
			InvalidPayloadException failure) {

	}

	private enum Kind {

		/** A ticket snapshot to project. */
		CHANGE,

		/** An event that is not a ticket change. */
		IGNORED,

		/** Recorded by an earlier transaction. */
		RECORDED,

		/** The same delivery id appeared earlier in this batch. */
		REPEATED

	}

	private record Step(Delivery delivery, Kind kind, PetziWebhook webhook, String number,
			Optional<TicketEvent> event) {

	}

}
