package ch.petziwebhook.dashboard.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.TestUsers;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.RejectedWebhook;
import ch.petziwebhook.model.test.TestDatabase;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the delivery log against an in-process Kafka broker: the listener that stores
 * rejected requests, and the re-drive of failed deliveries to the raw topic.
 */
@SpringBootTest(properties = "petzi.deliveries.rejections-listener=true")
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = { PetziTopics.RAW, PetziTopics.REJECTED },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class DeliveryKafkaTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final OffsetDateTime NOON = OffsetDateTime.parse("2025-03-30T10:00:00Z");

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JsonMapper jsonMapper;

	private DeliveryFixtures fixtures;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void deleteDeliveries() {
		TestUsers.create(this.jdbcClient, "viewer", "VIEWER");
		this.fixtures = new DeliveryFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
	}

	@Test
	void listenerStoresRejectedWebhook() throws Exception {
		RejectedWebhook rejection = DeliveryFixtures.aRejectedWebhook("signature_mismatch",
				Instant.parse("2025-03-30T10:00:00Z"), 4L, List.of("current", "previous"));

		send(PetziTopics.REJECTED, "signature_mismatch", this.jsonMapper.writeValueAsString(rejection));

		await().atMost(Duration.ofSeconds(30)).until(() -> countRejections("signature_mismatch") == 1);
		Map<String, Object> row = this.jdbcClient
			.sql("SELECT remote_address, timestamp_skew_seconds, array_to_string(secret_slots_tried, ',') AS slots "
					+ "FROM dashboard.rejected_webhooks")
			.query()
			.singleRow();
		assertThat(row.get("remote_address")).isEqualTo(DeliveryFixtures.ADMIN_ONLY_ADDRESS);
		assertThat(row.get("timestamp_skew_seconds")).isEqualTo(4L);
		assertThat(row.get("slots")).isEqualTo("current,previous");
	}

	@Test
	void listenerSkipsRecordThatIsNotJson() throws Exception {
		RejectedWebhook rejection = DeliveryFixtures.aRejectedWebhook("missing_signature",
				Instant.parse("2025-03-30T11:00:00Z"), null, List.of());

		send(PetziTopics.REJECTED, "broken", "this is not JSON");
		send(PetziTopics.REJECTED, "missing_signature", this.jsonMapper.writeValueAsString(rejection));

		await().atMost(Duration.ofSeconds(30)).until(() -> countRejections("missing_signature") == 1);
		assertThat(countRejections(null)).isEqualTo(1);
	}

	@Test
	void adminRedrivePublishesRawCopy() throws Exception {
		UUID deliveryId = UUID.randomUUID();
		long offset = sendRaw("TICKET-9", "{\"event\":\"ticket_created\"}", deliveryId);
		this.fixtures.aDelivery(deliveryId, "failed", "TICKET-9", NOON, 0, offset, "Missing field");

		ResultActions result = this.mockMvc
			.perform(post("/dashboard/deliveries/" + deliveryId + "/redrive").param("status", "failed")
				.with(csrf())
				.with(httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD)));

		result.andExpect(status().is3xxRedirection());
		result.andExpect(flash().attribute("successMessage", containsString(deliveryId.toString())));
		ConsumerRecord<byte[], byte[]> copy = findCopyOf(offset);
		assertThat(new String(copy.key(), StandardCharsets.UTF_8)).isEqualTo("TICKET-9");
		assertThat(new String(copy.value(), StandardCharsets.UTF_8)).isEqualTo("{\"event\":\"ticket_created\"}");
		assertThat(header(copy, PetziHeaders.DELIVERY_ID)).isEqualTo(deliveryId.toString());
		assertThat(header(copy, PetziHeaders.RECEIVED_AT)).isEqualTo("2025-03-30T10:00:00Z");
		assertThat(header(copy, PetziHeaders.SIGNATURE_TIMESTAMP)).isEqualTo("1743328800");
		assertThat(header(copy, PetziHeaders.REDRIVEN_FROM)).isEqualTo(PetziTopics.RAW + "-0@" + offset);
	}

	@Test
	void apiRedriveWithBasicNeedsNoCsrf() throws Exception {
		UUID deliveryId = UUID.randomUUID();
		long offset = sendRaw("TICKET-10", "{}", deliveryId);
		this.fixtures.aDelivery(deliveryId, "failed", "TICKET-10", NOON, 0, offset, "Missing field");

		ResultActions result = this.mockMvc.perform(post("/api/deliveries/" + deliveryId + "/redrive")
			.with(httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD)));

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.deliveryId").value(deliveryId.toString()));
		result.andExpect(jsonPath("$.source").value(PetziTopics.RAW + "-0@" + offset));
		assertThat(header(findCopyOf(offset), PetziHeaders.DELIVERY_ID)).isEqualTo(deliveryId.toString());
	}

	@Test
	void redriveAllCopiesEveryFailedDelivery() throws Exception {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		long firstOffset = sendRaw("A-1", "{}", first);
		long secondOffset = sendRaw("B-1", "{}", second);
		this.fixtures.aDelivery(first, "failed", "A-1", NOON, 0, firstOffset, "Missing field");
		this.fixtures.aDelivery(second, "failed", "B-1", NOON.plusMinutes(1), 0, secondOffset, "Missing field");

		ResultActions result = this.mockMvc.perform(post("/dashboard/deliveries/redrive-failed").with(csrf())
			.with(httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD)));

		result.andExpect(flash().attribute("successMessage", "Sent 2 of 2 failed deliveries to the projector again."));
		assertThat(header(findCopyOf(firstOffset), PetziHeaders.DELIVERY_ID)).isEqualTo(first.toString());
		assertThat(header(findCopyOf(secondOffset), PetziHeaders.DELIVERY_ID)).isEqualTo(second.toString());
	}

	@Test
	void redriveOfOtherRecordIsGone() throws Exception {
		long offset = sendRaw("C-1", "{}", UUID.randomUUID());
		UUID deliveryId = this.fixtures.aDelivery("failed", "C-1", NOON, 0, offset, "Missing field");

		ResultActions result = this.mockMvc.perform(post("/api/deliveries/" + deliveryId + "/redrive")
			.with(httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD)));

		result.andExpect(status().isGone());
		result.andExpect(jsonPath("$.detail").value(containsString("no longer on the raw topic")));
	}

	@Test
	void viewerApiRedriveIsForbidden() throws Exception {
		UUID deliveryId = UUID.randomUUID();
		long offset = sendRaw("D-1", "{}", deliveryId);
		this.fixtures.aDelivery(deliveryId, "failed", "D-1", NOON, 0, offset, "Missing field");

		ResultActions result = this.mockMvc
			.perform(post("/api/deliveries/" + deliveryId + "/redrive").with(httpBasic("viewer", TestUsers.PASSWORD)));

		result.andExpect(status().isForbidden());
		assertThat(copiesOf(offset)).isEmpty();
	}

	private long countRejections(String reason) {
		return this.jdbcClient.sql(
				"SELECT count(*) FROM dashboard.rejected_webhooks WHERE CAST(:reason AS text) IS NULL OR reason = :reason")
			.param("reason", reason)
			.query(Long.class)
			.single();
	}

	private void send(String topic, String key, String value) throws Exception {
		try (Producer<byte[], byte[]> producer = producer()) {
			producer
				.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
						value.getBytes(StandardCharsets.UTF_8)))
				.get();
		}
	}

	// Sends a raw record with the headers ingest writes, and returns its offset.
	private long sendRaw(String key, String body, UUID deliveryId) throws Exception {
		List<Header> headers = List.of(
				new RecordHeader(PetziHeaders.DELIVERY_ID, deliveryId.toString().getBytes(StandardCharsets.UTF_8)),
				new RecordHeader(PetziHeaders.RECEIVED_AT, "2025-03-30T10:00:00Z".getBytes(StandardCharsets.UTF_8)),
				new RecordHeader(PetziHeaders.SIGNATURE_TIMESTAMP, "1743328800".getBytes(StandardCharsets.UTF_8)));
		try (Producer<byte[], byte[]> producer = producer()) {
			return producer
				.send(new ProducerRecord<>(PetziTopics.RAW, null, key.getBytes(StandardCharsets.UTF_8),
						body.getBytes(StandardCharsets.UTF_8), headers))
				.get()
				.offset();
		}
	}

	private ConsumerRecord<byte[], byte[]> findCopyOf(long offset) {
		List<ConsumerRecord<byte[], byte[]>> copies = copiesOf(offset);
		assertThat(copies).as("copies of raw record 0@" + offset).hasSize(1);
		return copies.get(0);
	}

	// Reads the raw topic to its end and returns the records re-driven from the offset.
	private List<ConsumerRecord<byte[], byte[]>> copiesOf(long offset) {
		Map<String, Object> config = KafkaTestUtils.consumerProps(this.broker, "redrive-test", false);
		List<ConsumerRecord<byte[], byte[]>> copies = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			TopicPartition partition = new TopicPartition(PetziTopics.RAW, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			while (consumer.position(partition) < end) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if ((PetziTopics.RAW + "-0@" + offset).equals(header(record, PetziHeaders.REDRIVEN_FROM))) {
						copies.add(record);
					}
				}
			}
		}
		return copies;
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private Producer<byte[], byte[]> producer() {
		return new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(this.broker), new ByteArraySerializer(),
				new ByteArraySerializer())
			.createProducer();
	}

}
