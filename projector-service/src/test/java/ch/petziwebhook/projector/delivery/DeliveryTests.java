package ch.petziwebhook.projector.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a delivery from a raw record's headers, and the values derived when they are
 * missing.
 */
class DeliveryTests {

	private static final UUID DELIVERY_ID = UUID.fromString("0b9a4c8e-51a3-4c52-9c38-5b3c0a7e2f10");

	private static final long RECORD_TIMESTAMP = 1735732805123L;

	@Test
	void readsDeliveryIdHeader() {
		Delivery delivery = Delivery.of(aRecordWithHeaders());

		assertThat(delivery.id()).isEqualTo(DELIVERY_ID);
	}

	@Test
	void readsReceivedAtHeader() {
		Delivery delivery = Delivery.of(aRecordWithHeaders());

		assertThat(delivery.receivedAt()).isEqualTo(Instant.parse("2025-01-01T12:00:02.5Z"));
	}

	@Test
	void readsSignatureTimestampHeader() {
		Delivery delivery = Delivery.of(aRecordWithHeaders());

		assertThat(delivery.signatureTimestamp()).isEqualTo(1735732800L);
	}

	@Test
	void derivesDeliveryIdFromPosition() {
		Delivery delivery = Delivery.of(aRecord(new RecordHeaders()));

		assertThat(delivery.id())
			.isEqualTo(UUID.nameUUIDFromBytes("petzi.webhooks.raw-2@41".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void derivedDeliveryIdIsStable() {
		Delivery first = Delivery.of(aRecord(new RecordHeaders()));

		Delivery second = Delivery.of(aRecord(new RecordHeaders()));

		assertThat(second.id()).isEqualTo(first.id());
	}

	@Test
	void derivesReceivedAtFromRecordTimestamp() {
		Delivery delivery = Delivery.of(aRecord(new RecordHeaders()));

		assertThat(delivery.receivedAt()).isEqualTo(Instant.ofEpochMilli(RECORD_TIMESTAMP));
	}

	@Test
	void derivesZeroSignatureTimestamp() {
		Delivery delivery = Delivery.of(aRecord(new RecordHeaders()));

		assertThat(delivery.signatureTimestamp()).isZero();
	}

	@Test
	void unreadableDeliveryIdIsDerived() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(header(PetziHeaders.DELIVERY_ID, "not-a-uuid"));

		Delivery delivery = Delivery.of(aRecord(headers));

		assertThat(delivery.id())
			.isEqualTo(UUID.nameUUIDFromBytes("petzi.webhooks.raw-2@41".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void listsMissingHeaders() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(header(PetziHeaders.DELIVERY_ID, DELIVERY_ID.toString()));
		headers.add(header(PetziHeaders.SIGNATURE_TIMESTAMP, "yesterday"));

		assertThat(Delivery.missingHeaders(aRecord(headers))).containsExactly(PetziHeaders.RECEIVED_AT,
				PetziHeaders.SIGNATURE_TIMESTAMP);
	}

	@Test
	void listsNothingWhenComplete() {
		assertThat(Delivery.missingHeaders(aRecordWithHeaders())).isEmpty();
	}

	@Test
	void recordWithoutValueHasEmptyBody() {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(PetziTopics.RAW, 2, 41, RECORD_TIMESTAMP,
				TimestampType.CREATE_TIME, 0, 0, "key", null, new RecordHeaders(), Optional.empty());

		assertThat(Delivery.of(record).body()).isEmpty();
	}

	@Test
	void sourceNamesTopicPartitionAndOffset() {
		assertThat(Delivery.of(aRecordWithHeaders()).source()).isEqualTo("petzi.webhooks.raw-2@41");
	}

	private static ConsumerRecord<String, byte[]> aRecordWithHeaders() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(header(PetziHeaders.DELIVERY_ID, DELIVERY_ID.toString()));
		headers.add(header(PetziHeaders.RECEIVED_AT, "2025-01-01T12:00:02.500Z"));
		headers.add(header(PetziHeaders.SIGNATURE_TIMESTAMP, "1735732800"));
		return aRecord(headers);
	}

	private static ConsumerRecord<String, byte[]> aRecord(RecordHeaders headers) {
		return new ConsumerRecord<>(PetziTopics.RAW, 2, 41, RECORD_TIMESTAMP, TimestampType.CREATE_TIME, 0, 2, "key",
				"{}".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
	}

	private static RecordHeader header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
