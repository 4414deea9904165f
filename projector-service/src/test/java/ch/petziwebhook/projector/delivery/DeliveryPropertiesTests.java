package ch.petziwebhook.projector.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PayloadMutator;
import ch.petziwebhook.model.test.PayloadMutator.Mutation;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.PropertyCheck;
import ch.petziwebhook.model.test.RandomInputs;
import ch.petziwebhook.model.test.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of how the projector classifies arbitrary raw records, against
 * PostgreSQL: each delivery is projected, stale or ignored, or has a reason that sends it
 * to the dead-letter topic. Nothing else may happen, because the error handler retries
 * any other exception without end, which stops the partition.
 */
@SpringBootTest
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 1,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class DeliveryPropertiesTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final long SIGNED_AT = PetziSamples.SIGNED_AT;

	// Values of every JSON type, and a long string that PostgreSQL compresses to fit an
	// index entry.
	private static final List<String> HOSTILE_VALUES = List.of("null", "true", "0", "-1", "1.5",
			"1180591620717411303424", "1e400", "1E+999999999", "1e-999999999", "\"\"", "\"52.505\"", "\"99999999.99\"",
			"\"100000000\"", "\"-0.01\"", "\"\\u0000\"", "\"\\ud800\"", "\"+999999999-12-31\"",
			"\"0000-01-01T00:00:00Z\"", "\"+10000-01-01T00:00:00+18:00\"", "\"24:00:00\"", "[]", "{}",
			"\"" + "x".repeat(3000) + "\"");

	@Autowired
	private RawWebhookListener listener;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@Test
	void arbitraryBodyIsProjectedOrDeadLettered() {
		PropertyCheck.forAll(300, DeliveryPropertiesTests::body, (body) -> assertProjectedOrDeadLettered(body));
	}

	@Test
	void everyFieldWithHostileValue() {
		PayloadMutator mutator = new PayloadMutator(PetziSamples.body(PetziSamples.SINGLE_SESSION));
		for (String pointer : mutator.pointers()) {
			for (String value : HOSTILE_VALUES) {
				byte[] body = utf8(mutator.write(Map.of(pointer, Mutation.replacedBy(value))));
				try {
					assertProjectedOrDeadLettered(body);
				}
				catch (AssertionError ex) {
					throw new AssertionError("Failed with " + pointer + " replaced by " + shortened(value), ex);
				}
			}
		}
	}

	// PostgreSQL rejects a key too long for its index with SQL state 54000
	// (program_limit_exceeded), which must go to the dead-letter topic, not be retried.
	@Test
	void overlongTicketNumberIsDeadLettered() {
		PayloadMutator mutator = new PayloadMutator(PetziSamples.body(PetziSamples.SINGLE_SESSION));
		String number = "\"" + incompressible(3000) + "\"";

		assertProjectedOrDeadLettered(
				utf8(mutator.write(Map.of("/details/ticket/number", Mutation.replacedBy(number)))));
	}

	@Test
	void arbitraryHeadersGiveDelivery() {
		PropertyCheck.forAll(1000, DeliveryPropertiesTests::recordWithArbitraryHeaders, (record) -> {
			Delivery delivery = Delivery.of(record);

			assertThat(delivery.id()).isNotNull();
			assertThat(delivery.receivedAt()).isNotNull();
			assertThat(Delivery.missingHeaders(record)).isNotNull();
		});
	}

	/**
	 * Hands one record to the listener and asserts that it was processed, or failed with
	 * an {@link InvalidPayloadException}, which the error handler sends to the
	 * dead-letter topic without retrying. The error handler retries any other exception.
	 */
	private void assertProjectedOrDeadLettered(byte[] body) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(PetziTopics.RAW, 0, 0, null, body);
		record.headers().add(PetziHeaders.DELIVERY_ID, utf8(UUID.randomUUID().toString()));
		record.headers().add(PetziHeaders.RECEIVED_AT, utf8(Instant.ofEpochSecond(SIGNED_AT).toString()));
		record.headers().add(PetziHeaders.SIGNATURE_TIMESTAMP, utf8(Long.toString(SIGNED_AT)));
		try {
			this.listener.onRawWebhooks(List.of(record));
		}
		catch (BatchListenerFailedException ex) {
			assertThat(ex.getCause()).as("cause").isInstanceOf(InvalidPayloadException.class);
			assertThat(ex.getCause().getMessage()).as("dead-letter reason").isNotBlank();
		}
	}

	/**
	 * Returns arbitrary bytes, arbitrary JSON, or a sample with one to three members
	 * replaced by a hostile value or arbitrary JSON, removed or repeated.
	 */
	private static byte[] body(RandomInputs inputs) {
		int kind = inputs.nextInt(10);
		if (kind == 0) {
			return inputs.bytes(300);
		}
		if (kind == 1) {
			return utf8(inputs.jsonValue(5));
		}
		PayloadMutator mutator = new PayloadMutator(PetziSamples.body(inputs.pick(PetziSamples.ALL)));
		Map<String, Mutation> mutations = new HashMap<>();
		for (int i = inputs.nextInt(3); i >= 0; i--) {
			String value = inputs.nextBoolean() ? inputs.pick(HOSTILE_VALUES) : inputs.jsonValue(2);
			Mutation mutation = switch (inputs.nextInt(4)) {
				case 0 -> Mutation.removed();
				case 1 -> Mutation.repeatedAs(value);
				default -> Mutation.replacedBy(value);
			};
			mutations.put(inputs.pick(mutator.pointers()), mutation);
		}
		return utf8(mutator.write(mutations));
	}

	private static ConsumerRecord<String, byte[]> recordWithArbitraryHeaders(RandomInputs inputs) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(PetziTopics.RAW, 0, inputs.nextInt(1000),
				inputs.nextBoolean() ? null : inputs.text(20), inputs.bytes(50));
		List<String> names = List.of(PetziHeaders.DELIVERY_ID, PetziHeaders.RECEIVED_AT,
				PetziHeaders.SIGNATURE_TIMESTAMP, Delivery.REDRIVEN_FROM);
		for (int i = inputs.nextInt(6); i > 0; i--) {
			byte[] value = switch (inputs.nextInt(4)) {
				case 0 -> null;
				case 1 -> utf8(UUID.randomUUID() + inputs.text(2));
				case 2 -> utf8(Long.toString(inputs.nextLong()));
				default -> inputs.bytes(40);
			};
			record.headers().add(inputs.pick(names), value);
		}
		return record;
	}

	// PostgreSQL compresses a long repetitive value below its index entry limit of about
	// 2700 bytes, so a long ticket number must be random to reach that limit.
	private static String incompressible(int length) {
		Random random = new Random(length);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) ('\u4e00' + random.nextInt(0x5000)));
		}
		return text.toString();
	}

	private static String shortened(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "... (" + value.length() + " characters)" : value;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
