package ch.petziwebhook.ingest.webhook;

import java.util.UUID;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * A webhook delivery that is durable, either acknowledged by Kafka or kept in the spool.
 *
 * @param id the delivery id ingest gave it
 * @param ticketNumber the ticket number used as the record key, or {@code null} when the
 * body has none and the delivery id is the key
 * @param position where the record was written, as {@code topic-partition@offset}, or
 * {@code spooled}
 */
record Delivery(UUID id, @Nullable String ticketNumber, String position) {

	static final String SPOOLED = "spooled";

	static Delivery published(UUID id, @Nullable String ticketNumber, RecordMetadata metadata) {
		return new Delivery(id, ticketNumber, metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset());
	}

	static Delivery spooled(UUID id, @Nullable String ticketNumber) {
		return new Delivery(id, ticketNumber, SPOOLED);
	}

}
