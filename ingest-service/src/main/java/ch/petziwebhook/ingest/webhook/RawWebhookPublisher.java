package ch.petziwebhook.ingest.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.petziwebhook.ingest.spool.BrokerMonitor;
import ch.petziwebhook.ingest.spool.InFlightSends;
import ch.petziwebhook.ingest.spool.RawDelivery;
import ch.petziwebhook.ingest.spool.Spool;
import ch.petziwebhook.ingest.spool.SpoolException;
import ch.petziwebhook.ingest.system.WebhookProperties;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.SignatureHeader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publisher of verified webhook bodies to {@code petzi.webhooks.raw}. It waits for the
 * broker's acknowledgement, because Petzi treats a 200 as final. When Kafka fails or does
 * not acknowledge within the publish timeout, it keeps the delivery in the local spool,
 * whose drainer publishes it later with the same delivery id. A send that was still
 * unresolved, or failed, goes to {@link InFlightSends} with the delivery, so that the
 * drainer waits for it and publishes the delivery only if it failed and the raw topic
 * does not hold it.
 */
@Component
class RawWebhookPublisher {

	private static final Logger log = LoggerFactory.getLogger(RawWebhookPublisher.class);

	private final KafkaTemplate<String, byte[]> kafkaTemplate;

	private final TicketNumberReader ticketNumberReader;

	private final Clock clock;

	private final Duration publishTimeout;

	private final Spool spool;

	private final BrokerMonitor brokerMonitor;

	private final InFlightSends inFlightSends;

	private final Timer acknowledgedTimer;

	private final Timer failedTimer;

	private final Counter spooledCounter;

	RawWebhookPublisher(KafkaTemplate<String, byte[]> kafkaTemplate, TicketNumberReader ticketNumberReader, Clock clock,
			WebhookProperties properties, Spool spool, BrokerMonitor brokerMonitor, InFlightSends inFlightSends,
			MeterRegistry meterRegistry) {
		this.kafkaTemplate = kafkaTemplate;
		this.ticketNumberReader = ticketNumberReader;
		this.clock = clock;
		this.publishTimeout = properties.publishTimeout();
		this.spool = spool;
		this.brokerMonitor = brokerMonitor;
		this.inFlightSends = inFlightSends;
		this.acknowledgedTimer = publishTimer(meterRegistry, "acknowledged");
		this.failedTimer = publishTimer(meterRegistry, "failed");
		this.spooledCounter = Counter.builder("petzi.ingest.deliveries.spooled")
			.description("Verified deliveries kept in the local spool because Kafka did not take them")
			.register(meterRegistry);
	}

	private static Timer publishTimer(MeterRegistry registry, String outcome) {
		return Timer.builder("petzi.ingest.publish")
			.description("Time from sending a delivery to Kafka until its acknowledgement or failure")
			.tag("outcome", outcome)
			.register(registry);
	}

	/**
	 * Publishes the body untouched, keyed by its ticket number, or by a new delivery id
	 * when it has none, and waits until Kafka has acknowledged it. Spools it instead
	 * while the spool contains older deliveries, or when Kafka fails.
	 * @param body the verified raw body
	 * @param signature the verified signature header
	 * @param petziVersion the {@code Petzi-Version} HTTP header, or {@code null} when
	 * absent
	 * @return the durable delivery
	 * @throws DeliveryNotDurableException if neither Kafka nor the spool kept it
	 */
	Delivery publish(byte[] body, SignatureHeader signature, @Nullable String petziVersion) {
		UUID deliveryId = UUID.randomUUID();
		String ticketNumber = this.ticketNumberReader.ticketNumber(body).orElse(null);
		RawDelivery delivery = newDelivery(deliveryId, ticketNumber, body, signature, petziVersion);

		if (this.spool.hasRecords()) {
			// Queue behind the spooled deliveries until the drainer has published them
			// all, so that no delivery overtakes an older one of its ticket.
			return spool(delivery, ticketNumber, "older deliveries are still in the spool", null);
		}
		try {
			RecordMetadata metadata = send(delivery);
			this.brokerMonitor.acknowledged();
			return Delivery.published(deliveryId, ticketNumber, metadata);
		}
		catch (PublishFailedException ex) {
			this.brokerMonitor.failed(ex.getMessage());
			log.warn("Failed to publish delivery {} to Kafka, spooling it: {}", deliveryId, ex.getMessage());
			// The producer may still write the record after this. The drainer then waits
			// for that send and skips the spooled copy when it succeeded, or checks the
			// topic for the record when it failed.
			return spool(delivery, ticketNumber, ex.getMessage(), ex.send);
		}
	}

	private RawDelivery newDelivery(UUID deliveryId, @Nullable String ticketNumber, byte[] body,
			SignatureHeader signature, @Nullable String petziVersion) {
		Instant receivedAt = this.clock.instant();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(PetziHeaders.DELIVERY_ID, deliveryId.toString());
		headers.put(PetziHeaders.RECEIVED_AT, receivedAt.toString());
		headers.put(PetziHeaders.SIGNATURE_TIMESTAMP, Long.toString(signature.timestamp()));
		if (petziVersion != null) {
			headers.put(PetziHeaders.PETZI_VERSION, petziVersion);
		}
		String key = (ticketNumber != null) ? ticketNumber : deliveryId.toString();
		return new RawDelivery(deliveryId, key, receivedAt, headers, body);
	}

	private Delivery spool(RawDelivery delivery, @Nullable String ticketNumber, String kafkaFailure,
			@Nullable CompletableFuture<?> send) {
		if (send != null) {
			// Tracked before the append, so the drainer never reads the record without
			// it.
			this.inFlightSends.track(delivery.id(), send);
		}
		try {
			this.spool.append(delivery);
		}
		catch (SpoolException ex) {
			// NOTE: an unresolved send may still reach Kafka although the response is an
			// error, and Petzi's retry then arrives as a new delivery with a new id.
			this.inFlightSends.forget(delivery.id());
			throw new DeliveryNotDurableException(delivery.id(),
					"Delivery " + delivery.id() + " could not be made durable, retry: Kafka did not take it ("
							+ kafkaFailure + ") and " + ex.getMessage(),
					ex);
		}
		this.spooledCounter.increment();
		return Delivery.spooled(delivery.id(), ticketNumber);
	}

	private RecordMetadata send(RawDelivery delivery) {
		// The deadline starts before send(), because send() itself blocks while the
		// producer waits for the broker's metadata.
		long start = System.nanoTime();
		long deadline = start + this.publishTimeout.toNanos();
		CompletableFuture<SendResult<String, byte[]>> result = null;
		try {
			result = this.kafkaTemplate.send(delivery.toProducerRecord());
			long remaining = Math.max(0, deadline - System.nanoTime());
			RecordMetadata metadata = result.get(remaining, TimeUnit.NANOSECONDS).getRecordMetadata();
			this.acknowledgedTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			return metadata;
		}
		catch (TimeoutException ex) {
			throw failed(start, "Kafka did not acknowledge within " + this.publishTimeout, ex, result);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			// A failed send may still have been written, so the drainer must know about
			// it.
			throw failed(start, "Kafka rejected the record: " + rootMessage(cause), cause, result);
		}
		catch (org.springframework.kafka.KafkaException | org.apache.kafka.common.KafkaException ex) {
			// spring-kafka throws when send() itself fails, for example when the broker's
			// metadata did not arrive within max.block.ms.
			throw failed(start, "Kafka rejected the record: " + rootMessage(ex), ex, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failed(start, "Interrupted while waiting for Kafka", ex, result);
		}
	}

	private PublishFailedException failed(long start, String reason, Throwable cause,
			@Nullable CompletableFuture<?> send) {
		this.failedTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		return new PublishFailedException(reason, cause, send);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/**
	 * Exception thrown when Kafka did not acknowledge a delivery in time, with the send
	 * when there was one: it may still succeed, or it failed after the broker wrote the
	 * record.
	 */
	private static final class PublishFailedException extends RuntimeException {

		private final transient @Nullable CompletableFuture<?> send;

		PublishFailedException(String message, Throwable cause, @Nullable CompletableFuture<?> send) {
			super(message, cause);
			this.send = send;
		}

	}

}
