package ch.petziwebhook.projector.delivery;

import java.time.Duration;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Recoverer of records whose payload cannot be projected: it hands the record to the
 * dead-letter publisher, then records the delivery as failed with the reason.
 * <p>
 * Publishing comes first, so that a failed delivery row always means the record is on the
 * dead-letter topic. When recording fails after publishing, the error handler delivers
 * the record again and it is published a second time: the dead-letter topic is at least
 * once.
 */
@Component
public class FailedDeliveryRecoverer implements ConsumerAwareRecordRecoverer {

	private static final Logger log = LoggerFactory.getLogger(FailedDeliveryRecoverer.class);

	/**
	 * Pause after the dead-letter topic refused a record, before the record is retried.
	 */
	static final Duration PUBLISH_FAILURE_PAUSE = Duration.ofSeconds(10);

	private final PetziPayloadReader reader = new PetziPayloadReader();

	private final DeadLetterPublishingRecoverer deadLetterPublisher;

	private final DeliveryLog deliveryLog;

	private final DeliveryMetrics metrics;

	FailedDeliveryRecoverer(DeadLetterPublishingRecoverer deadLetterPublisher, DeliveryLog deliveryLog,
			DeliveryMetrics metrics) {
		this.deadLetterPublisher = deadLetterPublisher;
		this.deliveryLog = deliveryLog;
		this.metrics = metrics;
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
		Delivery delivery = Delivery.of(record);

		try {
			this.deadLetterPublisher.accept(record, consumer, exception);
		}
		catch (RuntimeException ex) {
			// The error handler hands the record straight back, so without a pause a
			// record
			// the dead-letter topic refuses would be retried in a tight loop.
			log.error("Failed to publish delivery {} from {} to {}, retrying in {}: {}", delivery.id(),
					delivery.source(), PetziTopics.DEAD_LETTER, PUBLISH_FAILURE_PAUSE,
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
			pauseAfterPublishFailure();
			throw ex;
		}
		String event = this.reader.eventName(delivery.body()).orElse(null);
		String ticketNumber = this.reader.ticketNumber(delivery.body()).orElse(null);
		this.deliveryLog.recordFailure(delivery, event, ticketNumber, reason(exception));
		this.metrics.recorded(DeliveryStatus.FAILED);

		// The message may quote the payload, so it stays in the delivery log and the
		// dead-letter headers, out of the application log.
		log.error("Failed to project delivery {} from {}: {}, sent it to {}", delivery.id(), delivery.source(),
				cause(exception).getClass().getSimpleName(), PetziTopics.DEAD_LETTER);
	}

	/**
	 * Waits {@link #PUBLISH_FAILURE_PAUSE} before the record is handed back.
	 */
	void pauseAfterPublishFailure() {
		try {
			Thread.sleep(PUBLISH_FAILURE_PAUSE.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String reason(Exception exception) {
		Throwable cause = cause(exception);
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName();
	}

	/**
	 * Returns the reason the payload cannot be projected: the first
	 * {@link InvalidPayloadException} in the chain, else the innermost cause.
	 */
	private static Throwable cause(Throwable exception) {
		Throwable innermost = exception;
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidPayloadException) {
				return cause;
			}
			innermost = cause;
		}
		return innermost;
	}

}
