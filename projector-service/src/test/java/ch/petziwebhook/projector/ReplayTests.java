package ch.petziwebhook.projector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replay of the whole raw topic into a second, empty database by a second projector in a
 * new consumer group. Three partitions interleave differently in each run, and the stream
 * contains every kind of delivery: samples, updates, re-deliveries, a stale one, an
 * ignored one, failed ones and one without headers.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 3,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class ReplayTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final TestDatabase replayDatabase = TestDatabase.create();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

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
	void replayGivesIdenticalTables() {
		// With the partitions assigned, this run projects records as they are sent,
		// while the replay reads whole partitions one fetch at a time.
		this.listeners.getListenerContainers()
			.forEach((container) -> ContainerTestUtils.waitForAssignment(container, 3));
		List<UUID> deliveries = sendMixedStream();
		deliveries.forEach(this.rows::awaitDelivery);
		Map<String, List<Map<String, Object>>> original = this.rows.allTables();

		Map<String, List<Map<String, Object>>> replayed = replay(deliveries.size());

		assertThat(original.get("deliveries")).hasSize(deliveries.size());
		original.forEach((table, contents) -> assertThat(replayed.get(table)).as(table).isEqualTo(contents));
	}

	private List<UUID> sendMixedStream() {
		List<UUID> deliveries = new ArrayList<>();
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			PetziSamples.ALL.forEach((sample) -> deliveries.add(producer.send(PetziSamples.body(sample))));
			UUID again = deliveries.get(0);
			producer.send(again, PetziSamples.body(PetziSamples.SINGLE_SESSION), PetziSamples.SIGNED_AT);
			deliveries.add(producer.send(PetziSamples.body(PetziSamples.UNICODE)));
			deliveries.add(producer.send(PetziSamples.body(PetziSamples.FESTIVAL), PetziSamples.SIGNED_AT - 60));
			deliveries.add(producer.send(Samples.replacing(PetziSamples.body(PetziSamples.PRICE_DECIMALS),
					"\"ticket_created\"", "\"ticket_scanned\"")));
			deliveries.add(producer.send("not JSON".getBytes(StandardCharsets.UTF_8)));
			deliveries.add(producer.send(Samples.replacing(PetziSamples.body(PetziSamples.MINIMAL_NULLS),
					"\"number\": \"TEST3300MINNUL\",", "")));
			RecordMetadata handMade = producer.sendWithoutHeaders("TESTHANDMADE1",
					Samples.withTicketNumber(PetziSamples.UNKNOWN_FIELDS, "TESTHANDMADE1"));
			deliveries
				.add(UUID.nameUUIDFromBytes((PetziTopics.RAW + "-" + handMade.partition() + "@" + handMade.offset())
					.getBytes(StandardCharsets.UTF_8)));
		}
		return deliveries;
	}

	private Map<String, List<Map<String, Object>>> replay(int deliveryCount) {
		try (ConfigurableApplicationContext replayer = new SpringApplicationBuilder(ProjectorApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
					"--spring.kafka.consumer.group-id=petzi-projector-replay",
					"--spring.datasource.url=" + replayDatabase.jdbcUrl(),
					"--spring.datasource.username=" + replayDatabase.username(),
					"--spring.datasource.password=" + replayDatabase.password())) {
			ReadModelRows replayedRows = new ReadModelRows(replayer.getBean(HikariDataSource.class));
			await().atMost(ReadModelRows.TIMEOUT).until(replayedRows::deliveryCount, (count) -> count >= deliveryCount);
			return replayedRows.allTables();
		}
	}

}
