package ch.petziwebhook.projector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Test producer that writes raw webhook records the way ingest does: keyed by ticket
 * number, with the delivery id, receive time, signature timestamp and Petzi version in
 * headers.
 */
public final class RawWebhookProducer implements AutoCloseable {

	/** Receive time the records get unless a test sets another. */
	public static final Instant RECEIVED_AT = Instant.ofEpochSecond(PetziSamples.SIGNED_AT + 2);

	private final PetziPayloadReader reader = new PetziPayloadReader();

	private final KafkaProducer<String, byte[]> producer;

	public RawWebhookProducer(EmbeddedKafkaBroker broker) {
		Map<String, Object> properties = KafkaTestUtils.producerProps(broker);
		this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
	}

	/**
	 * Sends a body as a new delivery signed at {@link PetziSamples#SIGNED_AT}.
	 * @return the delivery id
	 */
	public UUID send(byte[] body) {
		return send(body, PetziSamples.SIGNED_AT);
	}

	/**
	 * Sends a body as a new delivery with the given signature timestamp.
	 * @return the delivery id
	 */
	public UUID send(byte[] body, long signatureTimestamp) {
		UUID deliveryId = UUID.randomUUID();
		send(deliveryId, body, signatureTimestamp);
		return deliveryId;
	}

	/**
	 * Sends a body with a given delivery id, for example a second time.
	 * @return where the record was written
	 */
	public RecordMetadata send(UUID deliveryId, byte[] body, long signatureTimestamp) {
		List<Header> headers = new ArrayList<>();
		headers.add(header(PetziHeaders.DELIVERY_ID, deliveryId.toString()));
		headers.add(header(PetziHeaders.RECEIVED_AT, RECEIVED_AT.toString()));
		headers.add(header(PetziHeaders.SIGNATURE_TIMESTAMP, Long.toString(signatureTimestamp)));
		headers.add(header(PetziHeaders.PETZI_VERSION, "2"));
		String key = this.reader.ticketNumber(body).orElse(deliveryId.toString());
		return write(new ProducerRecord<>(PetziTopics.RAW, null, key, body, headers));
	}

	/**
	 * Sends a body without any header, as an operator producing by hand would.
	 * @return where the record was written
	 */
	public RecordMetadata sendWithoutHeaders(String key, byte[] body) {
		return write(new ProducerRecord<>(PetziTopics.RAW, key, body));
	}

	private RecordMetadata write(ProducerRecord<String, byte[]> record) {
		try {
			return this.producer.send(record).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending to " + record.topic(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Failed to send a record to " + record.topic(), ex);
		}
	}

	private static Header header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
