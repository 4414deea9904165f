package ch.petziwebhook.ingest.spool;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A verified webhook delivery as it goes to {@code petzi.webhooks.raw}: the raw body, the
 * record key and the record headers. The same value is published directly or kept in the
 * spool until Kafka takes it, so a spooled copy carries the same delivery id.
 *
 * @param id the delivery id, also in the {@code petzi-delivery-id} header
 * @param key the record key: the ticket number, or the delivery id when the body has none
 * @param receivedAt when ingest received the delivery
 * @param headers the record headers in order, as UTF-8 text
 * @param body the raw body bytes as received
 */
public record RawDelivery(UUID id, String key, Instant receivedAt, Map<String, String> headers, byte[] body) {

	public RawDelivery {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(receivedAt, "receivedAt must not be null");
		Objects.requireNonNull(body, "body must not be null");
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	/**
	 * Builds the Kafka record of this delivery for the raw topic.
	 */
	public ProducerRecord<String, byte[]> toProducerRecord() {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(PetziTopics.RAW, this.key, this.body);
		this.headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		return record;
	}

	@Override
	public String toString() {
		// The body may hold personal data, so it stays out of logs.
		return "RawDelivery[id=" + this.id + ", key=" + this.key + ", bodyLength=" + this.body.length + "]";
	}

}
