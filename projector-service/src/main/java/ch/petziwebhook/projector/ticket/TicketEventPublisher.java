package ch.petziwebhook.projector.ticket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.TicketEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publisher of ticket events to {@value PetziTopics#TICKETS}, keyed by ticket number. It
 * returns only once the broker acknowledged every document (the producer runs with
 * {@code acks=all} and idempotence), so that the caller commits the raw record's offset
 * only after the document is durable.
 */
public class TicketEventPublisher {

	private static final int PARALLEL_THRESHOLD = 64;

	private final KafkaTemplate<String, byte[]> kafkaTemplate;

	private final Duration timeout;

	private final Counter published;

	public TicketEventPublisher(KafkaTemplate<String, byte[]> kafkaTemplate, Duration timeout,
			MeterRegistry meterRegistry) {
		this.kafkaTemplate = kafkaTemplate;
		this.timeout = timeout;
		this.published = Counter.builder("petzi.projector.ticket.events")
			.description("Ticket events acknowledged by the broker on " + PetziTopics.TICKETS)
			.register(meterRegistry);
	}

	/**
	 * Publishes events in order and waits for the broker's acknowledgement of each.
	 * @throws KafkaException if a document was not acknowledged within the timeout; the
	 * caller must not commit the offsets of the records behind these events
	 */
	public void publish(List<TicketEvent> events) {
		// Writing the documents is most of the work here, and spreading it over the cores
		// does not change their order.
		List<byte[]> documents = (events.size() < PARALLEL_THRESHOLD)
				? events.stream().map(TicketEvent.Json::write).toList()
				: events.parallelStream().map(TicketEvent.Json::write).toList();
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			sends.add(this.kafkaTemplate.send(PetziTopics.TICKETS, events.get(i).ticket().number(), documents.get(i)));
		}
		for (int i = 0; i < sends.size(); i++) {
			awaitAcknowledgement(sends.get(i), events.get(i));
		}
		this.published.increment(events.size());
	}

	private void awaitAcknowledgement(CompletableFuture<SendResult<String, byte[]>> send, TicketEvent event) {
		try {
			send.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while publishing ticket " + event.ticket().number(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaException("Failed to publish ticket " + event.ticket().number() + " from delivery "
					+ event.deliveryId() + " to " + PetziTopics.TICKETS + " within " + this.timeout, ex);
		}
	}

}
