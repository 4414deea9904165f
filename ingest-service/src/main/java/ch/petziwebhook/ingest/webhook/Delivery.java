package ch.petziwebhook.ingest.webhook;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A webhook delivery that Kafka has acknowledged.
 *
 * @param id the delivery id ingest gave it
 * @param ticketNumber the ticket number used as the record key, or {@code null} when the
 * body has none and the delivery id is the key
 * @param topic the topic of the record
 * @param partition the partition of the record
 * @param offset the offset of the record
 */
record Delivery(UUID id, @Nullable String ticketNumber, String topic, int partition, long offset) {

	/**
	 * Returns where the record was written, as {@code topic-partition@offset}.
	 */
	String position() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
