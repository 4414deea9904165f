package ch.petziwebhook.projector.delivery;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.projector.ticket.TicketVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One raw webhook record with the metadata that ingest puts in its headers. A record
 * without those headers, for example one produced by hand, gets values derived from the
 * record itself, so that every replay derives the same ones.
 *
 * @param id the delivery id from the {@value PetziHeaders#DELIVERY_ID} header, else a
 * name-based UUID of {@code topic-partition@offset}
 * @param receivedAt the {@value PetziHeaders#RECEIVED_AT} header, else the record
 * timestamp
 * @param signatureTimestamp the {@value PetziHeaders#SIGNATURE_TIMESTAMP} header, else 0
 * @param topic the topic of the record
 * @param partition the partition of the record
 * @param offset the offset of the record
 * @param body the raw body bytes, empty when the record has no value
 * @param redrivenFrom the {@value #REDRIVEN_FROM} header of a record that an operator
 * re-drove from the dead-letter topic, else {@code null}
 */
public record Delivery(UUID id, Instant receivedAt, long signatureTimestamp, String topic, int partition, long offset,
		byte[] body, String redrivenFrom) {

	/**
	 * Kafka header the {@code redrive} command adds to a record it copies from the
	 * dead-letter topic back to the raw topic: where the copy came from, as
	 * {@code topic-partition@offset}.
	 */
	public static final String REDRIVEN_FROM = "petzi-redriven-from";

	/**
	 * Reads a delivery from a raw record. A missing or unreadable header throws nothing:
	 * its derived value takes its place.
	 */
	public static Delivery of(ConsumerRecord<?, ?> record) {
		return of(record, new ArrayList<>());
	}

	/**
	 * Reads a delivery from a raw record, and adds the names of its missing or unreadable
	 * headers to a list, so that the caller can report the derived values.
	 */
	static Delivery of(ConsumerRecord<?, ?> record, List<String> missing) {
		byte[] body = (record.value() instanceof byte[] bytes) ? bytes : new byte[0];
		return new Delivery(deliveryId(record, missing), receivedAt(record, missing),
				signatureTimestamp(record, missing), record.topic(), record.partition(), record.offset(), body,
				header(record, REDRIVEN_FROM));
	}

	/**
	 * Lists the headers of a raw record that are missing or unreadable.
	 */
	static List<String> missingHeaders(ConsumerRecord<?, ?> record) {
		List<String> missing = new ArrayList<>();
		of(record, missing);
		return missing;
	}

	/**
	 * Returns whether an operator re-drove this record from the dead-letter topic.
	 */
	public boolean isRedriven() {
		return this.redrivenFrom != null;
	}

	/**
	 * Returns where the record sits, as {@code topic-partition@offset}.
	 */
	public String source() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

	/**
	 * Returns the version a ticket snapshot carried by this delivery has.
	 */
	public TicketVersion version() {
		return new TicketVersion(this.id, this.receivedAt, this.signatureTimestamp, this.partition, this.offset);
	}

	private static UUID deliveryId(ConsumerRecord<?, ?> record, List<String> missing) {
		UUID id = parseDeliveryId(header(record, PetziHeaders.DELIVERY_ID));
		if (id != null) {
			return id;
		}
		missing.add(PetziHeaders.DELIVERY_ID);
		String source = record.topic() + "-" + record.partition() + "@" + record.offset();
		return UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8));
	}

	private static Instant receivedAt(ConsumerRecord<?, ?> record, List<String> missing) {
		Instant receivedAt = parseInstant(header(record, PetziHeaders.RECEIVED_AT));
		if (receivedAt != null) {
			return receivedAt;
		}
		missing.add(PetziHeaders.RECEIVED_AT);
		// A record without a timestamp reports -1, so the epoch is used instead.
		return Instant.ofEpochMilli(Math.max(record.timestamp(), 0));
	}

	private static long signatureTimestamp(ConsumerRecord<?, ?> record, List<String> missing) {
		Long timestamp = parseLong(header(record, PetziHeaders.SIGNATURE_TIMESTAMP));
		if (timestamp != null) {
			return timestamp;
		}
		missing.add(PetziHeaders.SIGNATURE_TIMESTAMP);
		return 0;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		if (header == null || header.value() == null) {
			return null;
		}
		return new String(header.value(), StandardCharsets.UTF_8).strip();
	}

	private static UUID parseDeliveryId(String value) {
		try {
			return (value != null) ? UUID.fromString(value) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Instant parseInstant(String value) {
		try {
			return (value != null) ? Instant.parse(value) : null;
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static Long parseLong(String value) {
		try {
			return (value != null) ? Long.valueOf(value) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
