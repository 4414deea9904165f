package ch.petziwebhook.projector.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.DeadLetters;
import ch.petziwebhook.projector.ReadModelRows;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw body as large as ingest accepts (1 MiB) that cannot be projected: its dead-letter
 * copy, which adds exception headers, must still fit the producer and the topic.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = PetziTopics.RAW, partitions = 1, brokerProperties = "message.max.bytes=3000000",
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class LargeDeliveryTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final int INGEST_BODY_LIMIT = 1024 * 1024;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@Test
	void largestBodyGoesToDeadLetterTopic() throws Exception {
		byte[] body = new byte[INGEST_BODY_LIMIT];
		Arrays.fill(body, (byte) ' ');
		UUID deliveryId = UUID.randomUUID();

		send(deliveryId, body);

		assertThat(new DeadLetters(this.broker).awaitDeadLetter(deliveryId).value()).isEqualTo(body);
		assertThat(new ReadModelRows(this.dataSource).awaitDelivery(deliveryId)).isEqualTo("failed");
	}

	@Test
	void deadLetterTopicTakesLargeRecords() throws Exception {
		Map<String, Object> properties = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.broker.getBrokersAsString());
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, PetziTopics.DEAD_LETTER);
		try (Admin admin = Admin.create(properties)) {
			Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);

			assertThat(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo("2097152");
		}
	}

	private void send(UUID deliveryId, byte[] body) throws Exception {
		Map<String, Object> properties = KafkaTestUtils.producerProps(this.broker);
		properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * INGEST_BODY_LIMIT);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new ByteArraySerializer())) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(PetziTopics.RAW, deliveryId.toString(), body);
			record.headers().add(header(PetziHeaders.DELIVERY_ID, deliveryId.toString()));
			record.headers().add(header(PetziHeaders.RECEIVED_AT, "2025-01-01T12:00:02Z"));
			record.headers().add(header(PetziHeaders.SIGNATURE_TIMESTAMP, Long.toString(PetziSamples.SIGNED_AT)));
			producer.send(record).get(30, TimeUnit.SECONDS);
		}
	}

	private static RecordHeader header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
