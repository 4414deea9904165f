package ch.petziwebhook.projector.delivery;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.PetziWebhook;
import ch.petziwebhook.projector.ticket.ProjectionResult;
import ch.petziwebhook.projector.ticket.TicketProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Listener of the raw webhook topic. Each record becomes one database transaction that
 * projects the ticket and records the delivery. The method returns only after that
 * transaction committed, and the container commits the record's offset only after the
 * method returned.
 */
@Component
class RawWebhookListener implements ConsumerSeekAware {

	/** Id of the listener container, for tests and operators. */
	static final String LISTENER_ID = "raw-webhook-listener";

	private static final Logger log = LoggerFactory.getLogger(RawWebhookListener.class);

	private final PetziPayloadReader reader = new PetziPayloadReader();

	private final TicketProjection projection;

	private final DeliveryLog deliveryLog;

	private final TransactionTemplate transactionTemplate;

	private final DeliveryMetrics metrics;

	RawWebhookListener(TicketProjection projection, DeliveryLog deliveryLog, TransactionTemplate transactionTemplate,
			DeliveryMetrics metrics) {
		this.projection = projection;
		this.deliveryLog = deliveryLog;
		this.transactionTemplate = transactionTemplate;
		this.metrics = metrics;
	}

	@KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = PetziTopics.RAW)
	void onRawWebhook(ConsumerRecord<String, byte[]> record) {
		Delivery delivery = Delivery.of(record);
		reportMissingHeaders(record, delivery);

		Optional<DeliveryStatus> status = processInTransaction(delivery);
		// NOTE: publishing to petzi.tickets is not built yet. It belongs here, after the
		// commit, so that consumers never see a change the database rolled back.

		status.ifPresent(this.metrics::recorded);
		log.debug("Processed delivery {} from {} as {}", delivery.id(), delivery.source(),
				status.map(DeliveryStatus::columnValue).orElse("already recorded"));
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		log.info("Projecting partitions {}", assignments.keySet());
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			log.info("Stopped projecting partitions {}", partitions);
		}
	}

	private Optional<DeliveryStatus> processInTransaction(Delivery delivery) {
		try {
			return this.transactionTemplate.execute((transaction) -> process(delivery));
		}
		catch (DataAccessException ex) {
			if (isDataException(ex)) {
				throw new InvalidPayloadException("Database rejected a value of the payload: " + rootMessage(ex), ex);
			}
			throw ex;
		}
	}

	private Optional<DeliveryStatus> process(Delivery delivery) {
		if (this.deliveryLog.contains(delivery.id())) {
			log.debug("Skipped delivery {} from {} because it is already recorded", delivery.id(), delivery.source());
			return Optional.empty();
		}

		PetziWebhook webhook = this.reader.read(delivery.body());
		if (webhook.event() == null) {
			throw new InvalidPayloadException("Payload has no event");
		}
		if (!webhook.isTicketChange()) {
			return Optional.of(ignore(delivery, webhook));
		}
		return Optional.of(project(delivery));
	}

	private DeliveryStatus project(Delivery delivery) {
		PetziWebhook change = this.reader.readTicketChange(delivery.body());

		ProjectionResult result = this.projection.project(change, delivery.version());
		DeliveryStatus status = (result != ProjectionResult.STALE) ? DeliveryStatus.PROJECTED : DeliveryStatus.STALE;
		this.deliveryLog.record(delivery, change.event(), change.ticket().number(), status);

		return status;
	}

	private DeliveryStatus ignore(Delivery delivery, PetziWebhook webhook) {
		String ticketNumber = this.reader.ticketNumber(delivery.body()).orElse(null);
		this.deliveryLog.record(delivery, webhook.event(), ticketNumber, DeliveryStatus.IGNORED);
		log.warn("Ignored delivery {} from {} because its event is not a ticket change", delivery.id(),
				delivery.source());
		return DeliveryStatus.IGNORED;
	}

	private void reportMissingHeaders(ConsumerRecord<String, byte[]> record, Delivery delivery) {
		List<String> missing = Delivery.missingHeaders(record);
		if (!missing.isEmpty()) {
			log.warn("Derived the values of missing or unreadable headers {} for delivery {} from {}", missing,
					delivery.id(), delivery.source());
		}
	}

	// SQL state class 22 (data exception) means a value was rejected, and the same
	// value fails the same way on every retry.
	private static boolean isDataException(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
