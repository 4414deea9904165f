package ch.petziwebhook.projector.delivery;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.projector.ticket.TicketEventPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Batch listener of the raw webhook topic. Each poll's records become one database
 * transaction that projects the tickets and records the deliveries. After that
 * transaction committed, the tickets' new states go to {@value PetziTopics#TICKETS}, and
 * the method returns once the broker acknowledged them. The container commits the batch's
 * offsets only after the method returned.
 * <p>
 * A record that fails is reported to the error handler by its index in a
 * {@link BatchListenerFailedException}, after the records before it were committed and
 * published: the handler commits their offsets, sends a payload that cannot be projected
 * to the dead-letter topic alone, and retries any other failure from that record on.
 */
@Component
class RawWebhookListener implements ConsumerSeekAware {

	/** Id of the listener container, for tests and operators. */
	static final String LISTENER_ID = "raw-webhook-listener";

	private static final Logger log = LoggerFactory.getLogger(RawWebhookListener.class);

	private final DeliveryProcessor processor;

	private final TicketEventPublisher publisher;

	private final DeliveryMetrics metrics;

	RawWebhookListener(DeliveryProcessor processor, TicketEventPublisher publisher, DeliveryMetrics metrics) {
		this.processor = processor;
		this.publisher = publisher;
		this.metrics = metrics;
	}

	@KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = PetziTopics.RAW, batch = "true")
	void onRawWebhooks(List<ConsumerRecord<String, byte[]>> records) {
		List<Delivery> deliveries = deliveries(records);

		try {
			processAndPublish(deliveries, 0);
		}
		catch (DataAccessException ex) {
			if (!isDataException(ex)) {
				throw new BatchListenerFailedException("Failed to process the batch", ex, 0);
			}
			// One row of a multi-row statement was rejected, and the statement does not
			// say which: find it by processing the deliveries one by one.
			log.debug("Processing {} deliveries one by one because the database rejected a value", records.size());
			processOneByOne(deliveries);
		}
		catch (BatchListenerFailedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("Failed to process the batch", ex, 0);
		}
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

	/**
	 * Processes deliveries in one transaction, publishes their events, and reports the
	 * first one that cannot be projected.
	 * @param first the index of the first delivery in the listener's batch
	 */
	private void processAndPublish(List<Delivery> deliveries, int first) {
		DeliveryProcessor.Result result = this.processor.process(deliveries);
		this.publisher.publish(result.events());
		result.statuses().forEach(this.metrics::recorded);
		log.debug("Processed {} deliveries and published {} ticket events", result.processed(), result.events().size());

		if (result.failure() != null) {
			// The message goes into the dead-letter record's exception header.
			throw new BatchListenerFailedException(result.failure().getMessage(), result.failure(),
					first + result.processed());
		}
	}

	private void processOneByOne(List<Delivery> deliveries) {
		for (int i = 0; i < deliveries.size(); i++) {
			try {
				processAndPublish(deliveries.subList(i, i + 1), i);
			}
			catch (DataAccessException ex) {
				RuntimeException cause = isDataException(ex) ? rejectedValue(ex) : ex;
				throw new BatchListenerFailedException(cause.getMessage(), cause, i);
			}
			catch (BatchListenerFailedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new BatchListenerFailedException("Failed to process delivery", ex, i);
			}
		}
	}

	private static List<Delivery> deliveries(List<ConsumerRecord<String, byte[]>> records) {
		List<Delivery> deliveries = new ArrayList<>(records.size());
		List<String> missing = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			Delivery delivery = Delivery.of(record, missing);
			if (!missing.isEmpty()) {
				log.warn("Derived the values of missing or unreadable headers {} for delivery {} from {}", missing,
						delivery.id(), delivery.source());
				missing.clear();
			}
			deliveries.add(delivery);
		}
		return deliveries;
	}

	/**
	 * Returns the reason a payload cannot be projected when the database rejected one of
	 * its values, as the delivery log records it.
	 */
	static InvalidPayloadException rejectedValue(DataAccessException ex) {
		return new InvalidPayloadException("Database rejected a value of the payload: " + rootMessage(ex), ex);
	}

	// SQL state class 22 (data exception) means a value was rejected, and 54000
	// (program limit exceeded) a value too long for an index: the same value fails the
	// same way on every retry.
	static boolean isDataException(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && isRejectedValue(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRejectedValue(String sqlState) {
		return sqlState != null && (sqlState.startsWith("22") || "54000".equals(sqlState));
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
