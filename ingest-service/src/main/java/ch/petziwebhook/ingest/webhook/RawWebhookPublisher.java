package ch.petziwebhook.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.petziwebhook.ingest.system.WebhookProperties;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.SignatureHeader;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publisher of verified webhook bodies to {@code petzi.webhooks.raw}. It waits for the
 * broker's acknowledgement, because Petzi treats a 200 as final.
 */
@Component
class RawWebhookPublisher {

	private final KafkaTemplate<String, byte[]> kafkaTemplate;

	private final PetziPayloadReader payloadReader;

	private final Clock clock;

	private final Duration publishTimeout;

	RawWebhookPublisher(KafkaTemplate<String, byte[]> kafkaTemplate, PetziPayloadReader payloadReader, Clock clock,
			WebhookProperties properties) {
		this.kafkaTemplate = kafkaTemplate;
		this.payloadReader = payloadReader;
		this.clock = clock;
		this.publishTimeout = properties.publishTimeout();
	}

	/**
	 * Publishes the body untouched, keyed by its ticket number, or by a new delivery id
	 * when it has none, and waits until Kafka has acknowledged it.
	 * @param body the verified raw body
	 * @param signature the verified signature header
	 * @param petziVersion the {@code Petzi-Version} HTTP header, or {@code null} when
	 * absent
	 * @return the acknowledged delivery
	 * @throws DeliveryNotDurableException if Kafka did not acknowledge the record within
	 * the publish timeout
	 */
	Delivery publish(byte[] body, SignatureHeader signature, @Nullable String petziVersion) {
		UUID deliveryId = UUID.randomUUID();
		String ticketNumber = this.payloadReader.ticketNumber(body).orElse(null);
		String key = (ticketNumber != null) ? ticketNumber : deliveryId.toString();

		ProducerRecord<String, byte[]> record = new ProducerRecord<>(PetziTopics.RAW, key, body);
		addHeaders(record.headers(), deliveryId, signature, petziVersion);
		RecordMetadata metadata = send(record, deliveryId);

		return new Delivery(deliveryId, ticketNumber, metadata.topic(), metadata.partition(), metadata.offset());
	}

	private void addHeaders(Headers headers, UUID deliveryId, SignatureHeader signature,
			@Nullable String petziVersion) {
		addHeader(headers, PetziHeaders.DELIVERY_ID, deliveryId.toString());
		addHeader(headers, PetziHeaders.RECEIVED_AT, this.clock.instant().toString());
		addHeader(headers, PetziHeaders.SIGNATURE_TIMESTAMP, Long.toString(signature.timestamp()));
		if (petziVersion != null) {
			addHeader(headers, PetziHeaders.PETZI_VERSION, petziVersion);
		}
	}

	private static void addHeader(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private RecordMetadata send(ProducerRecord<String, byte[]> record, UUID deliveryId) {
		// The deadline starts before send(), because send() itself blocks while the
		// producer waits for the broker's metadata.
		long deadline = System.nanoTime() + this.publishTimeout.toNanos();
		try {
			CompletableFuture<SendResult<String, byte[]>> result = this.kafkaTemplate.send(record);
			long remaining = Math.max(0, deadline - System.nanoTime());
			return result.get(remaining, TimeUnit.NANOSECONDS).getRecordMetadata();
		}
		catch (TimeoutException ex) {
			// NOTE: the producer may still write the record after this, so Petzi's
			// retry can leave a second record with the same body. The projector's
			// upsert absorbs it.
			throw notDurable(deliveryId, "Kafka did not acknowledge within " + this.publishTimeout, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw notDurable(deliveryId, "Kafka rejected the record: " + rootMessage(cause), cause);
		}
		catch (org.springframework.kafka.KafkaException | org.apache.kafka.common.KafkaException ex) {
			// spring-kafka throws when send() itself fails, for example when the broker's
			// metadata did not arrive within max.block.ms.
			throw notDurable(deliveryId, "Kafka rejected the record: " + rootMessage(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw notDurable(deliveryId, "Interrupted while waiting for Kafka", ex);
		}
	}

	private static DeliveryNotDurableException notDurable(UUID deliveryId, String reason, Throwable cause) {
		return new DeliveryNotDurableException(deliveryId,
				"Delivery " + deliveryId + " could not be made durable, retry: " + reason, cause);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
