package ch.petziwebhook.projector.delivery;

import java.util.ArrayList;
import java.util.List;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.PetziPayloadReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Projection of raw records for the {@code rebuild} command: the same processing as the
 * live listener, one transaction per batch, into the schema of {@code ReadModelSchema},
 * but it publishes nothing. The live projector already published the ticket events and
 * sent the payloads that cannot be projected to the dead-letter topic. Such a payload is
 * recorded as failed with the reason the live projector records, and the records after it
 * are projected next.
 */
@Component
public class ReplayProjection {

	private static final Logger log = LoggerFactory.getLogger(ReplayProjection.class);

	private final PetziPayloadReader reader = new PetziPayloadReader();

	private final DeliveryProcessor processor;

	private final DeliveryLog deliveryLog;

	ReplayProjection(DeliveryProcessor processor, DeliveryLog deliveryLog) {
		this.processor = processor;
		this.deliveryLog = deliveryLog;
	}

	/**
	 * Projects records in order and records every one of them.
	 * @return how many records failed
	 * @throws DataAccessException if the database failed for another reason than a
	 * rejected value; the records of the failed transaction are then not recorded
	 */
	public int project(List<? extends ConsumerRecord<?, ?>> records) {
		List<Delivery> deliveries = new ArrayList<>(records.size());
		records.forEach((record) -> deliveries.add(Delivery.of(record)));
		int failed = 0;
		List<Delivery> rest = deliveries;
		while (!rest.isEmpty()) {
			DeliveryProcessor.Result result;
			try {
				result = this.processor.process(rest);
			}
			catch (DataAccessException ex) {
				if (!RawWebhookListener.isDataException(ex)) {
					throw ex;
				}
				// One row of a multi-row statement was rejected, and the statement does
				// not say which.
				return failed + projectOneByOne(rest);
			}
			if (result.failure() == null) {
				return failed;
			}
			recordFailure(rest.get(result.processed()), result.failure());
			failed++;
			rest = rest.subList(result.processed() + 1, rest.size());
		}
		return failed;
	}

	private int projectOneByOne(List<Delivery> deliveries) {
		int failed = 0;
		for (Delivery delivery : deliveries) {
			InvalidPayloadException failure;
			try {
				failure = this.processor.process(List.of(delivery)).failure();
			}
			catch (DataAccessException ex) {
				if (!RawWebhookListener.isDataException(ex)) {
					throw ex;
				}
				failure = RawWebhookListener.rejectedValue(ex);
			}
			if (failure != null) {
				recordFailure(delivery, failure);
				failed++;
			}
		}
		return failed;
	}

	private void recordFailure(Delivery delivery, InvalidPayloadException failure) {
		String event = this.reader.eventName(delivery.body()).orElse(null);
		String ticketNumber = this.reader.ticketNumber(delivery.body()).orElse(null);
		this.deliveryLog.recordFailure(delivery, event, ticketNumber, failure.getMessage());
		// The message may quote the payload, so it stays in the delivery log.
		log.info("Recorded delivery {} from {} as failed: {}", delivery.id(), delivery.source(),
				failure.getClass().getSimpleName());
	}

}
