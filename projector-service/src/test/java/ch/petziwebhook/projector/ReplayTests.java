package ch.petziwebhook.projector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * ignored one, failed ones and one without headers. The replay leaves identical tables
 * and publishes byte-identical ticket events a second time.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 3,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class ReplayTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final TestDatabase replayDatabase = TestDatabase.create();

	// The ten samples, the unicode sample again and the hand-made record. The stale,
	// ignored and failed deliveries publish nothing, and so does the re-delivery of the
	// first sample, whose ticket the cancellation sample replaced before it.
	private static final int PUBLISHED_DOCUMENTS = 12;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	// The stream is sent and replayed once per class, for both tests.
	private static Run original;

	private static Run replayed;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@BeforeEach
	synchronized void sendAndReplayOnce() {
		if (original != null) {
			return;
		}
		// With the partitions assigned, this run projects records as they are sent,
		// while the replay reads whole partitions one fetch at a time.
		this.listeners.getListenerContainers()
			.forEach((container) -> ContainerTestUtils.waitForAssignment(container, 3));
		List<UUID> deliveries = sendMixedStream();
		ReadModelRows rows = new ReadModelRows(this.dataSource);
		deliveries.forEach(rows::awaitDelivery);
		TicketEvents events = new TicketEvents(this.broker);
		List<String> documents = await().atMost(ReadModelRows.TIMEOUT)
			.until(() -> documents(events.all()), (published) -> published.size() >= PUBLISHED_DOCUMENTS);
		original = new Run(deliveries.size(), rows.allTables(), documents);

		replayed = replay(deliveries.size(), events);
	}

	@Test
	void replayGivesIdenticalTables() {
		assertThat(original.tables().get("deliveries")).hasSize(original.deliveryCount());
		original.tables()
			.forEach((table, contents) -> assertThat(replayed.tables().get(table)).as(table).isEqualTo(contents));
	}

	@Test
	void replayRepublishesIdenticalDocuments() {
		assertThat(original.documents()).hasSize(PUBLISHED_DOCUMENTS);
		assertThat(replayed.documents()).containsExactlyInAnyOrderElementsOf(original.documents());
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

	private Run replay(int deliveryCount, TicketEvents events) {
		try (ConfigurableApplicationContext replayer = new SpringApplicationBuilder(ProjectorApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
					"--spring.kafka.consumer.group-id=petzi-projector-replay",
					"--spring.datasource.url=" + replayDatabase.jdbcUrl(),
					"--spring.datasource.username=" + replayDatabase.username(),
					"--spring.datasource.password=" + replayDatabase.password())) {
			ReadModelRows replayedRows = new ReadModelRows(replayer.getBean(HikariDataSource.class));
			await().atMost(ReadModelRows.TIMEOUT).until(replayedRows::deliveryCount, (count) -> count >= deliveryCount);
			List<String> all = await().atMost(ReadModelRows.TIMEOUT)
				.until(() -> documents(events.all()), (published) -> published.size() >= 2 * PUBLISHED_DOCUMENTS);
			return new Run(deliveryCount, replayedRows.allTables(), all.subList(PUBLISHED_DOCUMENTS, all.size()));
		}
	}

	/**
	 * Returns the documents as text, ordered by partition, then offset, so that the
	 * original run's documents come before the replay's in every partition.
	 */
	private static List<String> documents(List<ConsumerRecord<String, byte[]>> records) {
		return records.stream()
			.sorted(Comparator.comparingInt(ConsumerRecord<String, byte[]>::partition)
				.thenComparingLong(ConsumerRecord::offset))
			.map((record) -> new String(record.value(), StandardCharsets.UTF_8))
			.toList();
	}

	/**
	 * What one projection of the stream left behind.
	 */
	private record Run(int deliveryCount, Map<String, List<Map<String, Object>>> tables, List<String> documents) {

	}

}
