package ch.petziwebhook.projector.redrive;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.DeadLetters;
import ch.petziwebhook.projector.RawWebhookProducer;
import ch.petziwebhook.projector.ReadModelRows;
import ch.petziwebhook.projector.Samples;
import ch.petziwebhook.projector.delivery.Delivery;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code redrive} command against a running projector: the copy on the raw topic
 * keeps the original headers and carries the re-driven marker, a delivery whose cause is
 * fixed is projected and replaces its failed row, and a payload that still fails goes to
 * the dead-letter topic again.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 1,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class RedriveTests {

	private static final TestDatabase database = TestDatabase.create();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	private ReadModelRows rows;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@BeforeEach
	void createRows() {
		this.rows = new ReadModelRows(this.dataSource);
	}

	@Test
	void fixedDeliveryIsProjected() {
		String number = Samples.uniqueNumber("TESTREDR");
		UUID deliveryId = UUID.randomUUID();
		RecordMetadata deadLetter = failedEarlier(deliveryId, Samples.withTicketNumber(PetziSamples.FESTIVAL, number));

		redrive(deadLetter);

		await().atMost(ReadModelRows.TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.rows.deliveryStatus(deliveryId).orElseThrow(), "projected"::equals);
		assertThat(this.rows.ticket(number)).isPresent();
		assertThat(this.rows.delivery(deliveryId)).containsEntry("error", null);
	}

	@Test
	void copyKeepsOriginalHeaders() {
		UUID deliveryId = UUID.randomUUID();
		RecordMetadata deadLetter = failedEarlier(deliveryId,
				Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, Samples.uniqueNumber("TESTREDR")));

		redrive(deadLetter);
		ConsumerRecord<String, byte[]> copy = rawCopyOf(deliveryId);

		assertThat(header(copy, PetziHeaders.SIGNATURE_TIMESTAMP)).isEqualTo(Long.toString(PetziSamples.SIGNED_AT));
		assertThat(header(copy, Delivery.REDRIVEN_FROM))
			.isEqualTo(PetziTopics.DEAD_LETTER + "-" + deadLetter.partition() + "@" + deadLetter.offset());
		assertThat(copy.headers().toArray()).noneMatch((header) -> header.key().startsWith("kafka_dlt-"));
	}

	@Test
	void stillFailingDeliveryGoesBack() {
		UUID deliveryId;
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			deliveryId = producer.send("still not JSON".getBytes(StandardCharsets.UTF_8));
		}
		DeadLetters deadLetters = new DeadLetters(this.broker);
		ConsumerRecord<String, byte[]> first = deadLetters.awaitDeadLetter(deliveryId);

		redrive(new TopicPartition(first.topic(), first.partition()), first.offset());

		UUID id = deliveryId;
		await().atMost(ReadModelRows.TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> deadLetters.all()
				.stream()
				.filter((record) -> id.toString().equals(header(record, PetziHeaders.DELIVERY_ID)))
				.count(), (count) -> count == 2);
		assertThat(this.rows.deliveryStatus(deliveryId)).contains("failed");
	}

	@Test
	void unknownOffsetIsRejected() {
		DeadLetterRedrive command = command(new ByteArrayOutputStream());
		RedriveSelection selection = RedriveSelection.parse(List.of("--offset", "0@999999"));

		assertThatExceptionOfType(DeadLetterRedrive.RedriveException.class).isThrownBy(() -> command.redrive(selection))
			.withMessageContaining("0@999999");
	}

	/**
	 * Writes a dead-letter record and its failed delivery row, as an earlier projector
	 * with a since fixed bug would have left them.
	 */
	private RecordMetadata failedEarlier(UUID deliveryId, byte[] body) {
		List<Header> headers = new ArrayList<>();
		headers.add(header(PetziHeaders.DELIVERY_ID, deliveryId.toString()));
		headers.add(header(PetziHeaders.RECEIVED_AT, RawWebhookProducer.RECEIVED_AT.toString()));
		headers.add(header(PetziHeaders.SIGNATURE_TIMESTAMP, Long.toString(PetziSamples.SIGNED_AT)));
		headers.add(header("kafka_dlt-exception-message", "Simulated bug, since fixed"));
		JdbcClient.create(this.dataSource).sql("""
				INSERT INTO read_model.deliveries (delivery_id, received_at, status, error, signature_timestamp,
					source_partition, source_offset, processed_at)
				VALUES (:id, now(), 'failed', 'Simulated bug, since fixed', 0, 0, 0, now())
				""").param("id", deliveryId).update();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker),
				new StringSerializer(), new ByteArraySerializer())) {
			return producer.send(new ProducerRecord<>(PetziTopics.DEAD_LETTER, null, "key", body, headers)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Failed to write the dead-letter record", ex);
		}
	}

	private void redrive(RecordMetadata deadLetter) {
		redrive(new TopicPartition(deadLetter.topic(), deadLetter.partition()), deadLetter.offset());
	}

	private void redrive(TopicPartition partition, long offset) {
		RedriveSelection selection = RedriveSelection.parse(List.of("--offset", partition.partition() + "@" + offset));

		int copied = command(new ByteArrayOutputStream()).redrive(selection);

		assertThat(copied).isEqualTo(1);
	}

	private DeadLetterRedrive command(ByteArrayOutputStream out) {
		return new DeadLetterRedrive(this.broker.getBrokersAsString(),
				new PrintStream(out, true, StandardCharsets.UTF_8));
	}

	private ConsumerRecord<String, byte[]> rawCopyOf(UUID deliveryId) {
		Map<String, Object> properties = KafkaTestUtils.consumerProps(this.broker, "redrive-test", false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(PetziTopics.RAW));
			return await().atMost(ReadModelRows.TIMEOUT).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (deliveryId.toString().equals(header(record, PetziHeaders.DELIVERY_ID))) {
						return record;
					}
				}
				return null;
			}, (record) -> record != null);
		}
	}

	private static Header header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
