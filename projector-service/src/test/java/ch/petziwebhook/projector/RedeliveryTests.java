package ch.petziwebhook.projector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A crash between the database commit and the offset commit, simulated by moving the
 * group's committed offset back to the start while the listener is stopped. The
 * re-delivered records change no row, and only the tickets' current snapshots are
 * published again, byte for byte.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 1,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class RedeliveryTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final String BARRIER = "BARRIERREDELIVERY";

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@Test
	void redeliveredRecordsChangeNothing() throws Exception {
		ReadModelRows rows = new ReadModelRows(this.dataSource);
		TicketEvents events = new TicketEvents(this.broker);
		List<UUID> deliveries = sendSamples();
		deliveries.forEach(rows::awaitDelivery);
		List<String> documentsBefore = awaitDocuments(events, PetziSamples.ALL.size());
		Map<String, List<Map<String, Object>>> tablesBefore = rows.allTables();
		Map<Object, Object> processedBefore = processedAt();

		redeliverFromStart();
		awaitBarrier(rows, events);

		assertThat(withoutBarrier(rows.allTables())).isEqualTo(tablesBefore);
		assertThat(processedAt()).containsAllEntriesOf(processedBefore);
		List<String> republished = documentsAfter(events, documentsBefore.size());
		assertThat(republished).hasSize(8);
		assertThat(documentsBefore).containsAll(republished);
	}

	private List<UUID> sendSamples() {
		List<UUID> deliveries = new ArrayList<>();
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			PetziSamples.ALL.forEach((sample) -> deliveries.add(producer.send(PetziSamples.body(sample))));
		}
		return deliveries;
	}

	private static List<String> awaitDocuments(TicketEvents events, int count) {
		return await().atMost(ReadModelRows.TIMEOUT)
			.until(() -> texts(events), (documents) -> documents.size() >= count);
	}

	private static List<String> texts(TicketEvents events) {
		return events.all().stream().map((record) -> new String(record.value(), StandardCharsets.UTF_8)).toList();
	}

	/**
	 * Returns the documents published after the first ones, without the barrier's.
	 */
	private static List<String> documentsAfter(TicketEvents events, int before) {
		List<String> all = texts(events);
		return all.subList(before, all.size()).stream().filter((document) -> !document.contains(BARRIER)).toList();
	}

	/**
	 * Stops the listener, moves the group's offset back to 0 as if no offset had been
	 * committed, and starts the listener again.
	 */
	private void redeliverFromStart() throws Exception {
		MessageListenerContainer container = this.listeners.getListenerContainer("raw-webhook-listener");
		container.stop();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			admin
				.alterConsumerGroupOffsets("petzi-projector",
						Map.of(new TopicPartition(PetziTopics.RAW, 0), new OffsetAndMetadata(0)))
				.all()
				.get();
		}
		container.start();
	}

	private void awaitBarrier(ReadModelRows rows, TicketEvents events) {
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.MINIMAL_NULLS, BARRIER)));
		}
		events.awaitCount(BARRIER, 1);
	}

	private Map<Object, Object> processedAt() {
		Map<Object, Object> processedAt = new LinkedHashMap<>();
		JdbcClient.create(this.dataSource)
			.sql("SELECT delivery_id, processed_at FROM read_model.deliveries")
			.query()
			.listOfRows()
			.forEach((row) -> processedAt.put(row.get("delivery_id"), row.get("processed_at")));
		return processedAt;
	}

	private static Map<String, List<Map<String, Object>>> withoutBarrier(
			Map<String, List<Map<String, Object>>> tables) {
		Map<String, List<Map<String, Object>>> filtered = new LinkedHashMap<>();
		tables.forEach((table, contents) -> filtered.put(table,
				contents.stream()
					.filter((row) -> !BARRIER.equals(row.getOrDefault("number", row.get("ticket_number"))))
					.toList()));
		return filtered;
	}

}
