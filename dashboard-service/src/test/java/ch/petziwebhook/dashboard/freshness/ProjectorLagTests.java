package ch.petziwebhook.dashboard.freshness;

import java.time.Duration;
import java.util.Map;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.TestDatabase;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * Tests of the projector's consumer lag read from an in-process Kafka broker.
 */
@SpringBootTest(properties = { "petzi.freshness.consumer-lag=true", "petzi.freshness.refresh-interval=200ms" })
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 2, topics = PetziTopics.RAW, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ProjectorLagTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final String GROUP = "petzi-projector";

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private FreshnessService freshness;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void countsPendingThenCurrent() throws Exception {
		produce(3);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.freshness.current().pendingDeliveries()).isEqualTo(3L));
		this.mockMvc.perform(get("/dashboard/home").with(user("viewer")))
			.andExpect(content().string(containsString("Projector behind: 3 deliveries pending")));

		commitEverything();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.freshness.current().pendingDeliveries()).isZero());
		this.mockMvc.perform(get("/dashboard/home").with(user("viewer")))
			.andExpect(content().string(containsString("id=\"projector-current\"")));
	}

	private void produce(int count) {
		Map<String, Object> config = KafkaTestUtils.producerProps(this.broker);
		try (Producer<String, String> producer = new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
				new StringSerializer())
			.createProducer()) {
			for (int i = 0; i < count; i++) {
				producer.send(new ProducerRecord<>(PetziTopics.RAW, "T-" + i, "{}"));
			}
			producer.flush();
		}
	}

	// Commits the end of every partition, as the projector does after it has processed
	// everything.
	private void commitEverything() {
		Map<String, Object> config = KafkaTestUtils.consumerProps(this.broker, GROUP, false);
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
				new StringDeserializer())
			.createConsumer()) {
			java.util.List<TopicPartition> partitions = consumer.partitionsFor(PetziTopics.RAW)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
			ends.forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end)));
			consumer.commitSync(offsets);
		}
	}

}
