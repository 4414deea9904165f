package ch.petziwebhook.projector.rebuild;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.RawWebhookProducer;
import ch.petziwebhook.projector.ReadModelLiquibase;
import ch.petziwebhook.projector.ReadModelRows;
import ch.petziwebhook.projector.Samples;
import ch.petziwebhook.projector.system.ReadModelSchema;
import ch.petziwebhook.projector.totals.EventTotals;
import liquibase.integration.spring.SpringLiquibase;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code rebuild} command against a running live projector, an in-process broker with
 * three partitions and PostgreSQL. The tests share the topic and the database, so each
 * one sends its records, waits until the live projector recorded them, and compares
 * schemas rather than fixed counts.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 3,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class RebuildTests {

	private static final TestDatabase database = TestDatabase.create();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	private ReadModelRows rows;

	private JdbcClient jdbcClient;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@BeforeEach
	void sendMixedStream() {
		this.listeners.getListenerContainers()
			.forEach((container) -> ContainerTestUtils.waitForAssignment(container, 3));
		this.rows = new ReadModelRows(this.dataSource);
		this.jdbcClient = JdbcClient.create(this.dataSource);
		List<UUID> deliveries = new ArrayList<>();
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			PetziSamples.ALL.forEach((sample) -> deliveries.add(producer.send(PetziSamples.body(sample))));
			producer.send(deliveries.get(0), PetziSamples.body(PetziSamples.SINGLE_SESSION), PetziSamples.SIGNED_AT);
			deliveries.add(producer.send(PetziSamples.body(PetziSamples.FESTIVAL), PetziSamples.SIGNED_AT - 60));
			deliveries.add(producer.send(Samples.replacing(PetziSamples.body(PetziSamples.PRICE_DECIMALS),
					"\"ticket_created\"", "\"ticket_scanned\"")));
			deliveries.add(producer.send("not JSON".getBytes(StandardCharsets.UTF_8)));
			RecordMetadata handMade = producer.sendWithoutHeaders("TESTHANDMADE1",
					Samples.withTicketNumber(PetziSamples.UNKNOWN_FIELDS, "TESTHANDMADE1"));
			deliveries
				.add(UUID.nameUUIDFromBytes((PetziTopics.RAW + "-" + handMade.partition() + "@" + handMade.offset())
					.getBytes(StandardCharsets.UTF_8)));
		}
		deliveries.forEach(this.rows::awaitDelivery);
	}

	@Test
	void rebuildSwapsInEqualRows() {
		Map<String, List<Map<String, Object>>> live = this.rows.allTables();

		Rebuild rebuild = rebuild();

		assertThat(rebuild.status()).isZero();
		assertThat(rebuild.output()).contains("Swapped");
		assertThat(this.rows.allTables()).isEqualTo(live);
		assertThat(this.rows.allTables(ShadowSchema.PREVIOUS)).isEqualTo(live);
	}

	@Test
	void rebuildTwiceGivesIdenticalRows() {
		rebuild();
		Map<String, List<Map<String, Object>>> first = this.rows.allTables();

		Rebuild second = rebuild();

		assertThat(second.status()).isZero();
		assertThat(this.rows.allTables()).isEqualTo(first);
	}

	@Test
	void tamperedLiveIsReportedNotSwapped() {
		tamperWithTicket();

		Rebuild rebuild = rebuild();

		assertThat(rebuild.status()).isZero();
		assertThat(rebuild.output()).containsPattern("tickets .* DIFFER");
		assertThat(rebuild.output()).contains("TEST8841KQ2ZAB (differs)");
		assertThat(rebuild.output()).contains("Did not swap");
		assertThat(title(ReadModelSchema.LIVE)).isEqualTo("tampered");
		assertThat(title(ShadowSchema.SHADOW)).isNotEqualTo("tampered");
	}

	@Test
	void swapOptionReplacesTamperedLive() {
		tamperWithTicket();

		Rebuild rebuild = rebuild("--swap");

		assertThat(rebuild.status()).isZero();
		assertThat(rebuild.output()).contains("Swapped");
		assertThat(title(ReadModelSchema.LIVE)).isNotEqualTo("tampered");
		assertThat(title(ShadowSchema.PREVIOUS)).isEqualTo("tampered");
	}

	@Test
	void recordsDuringRebuildAreKept() {
		List<UUID> sent = new ArrayList<>();
		CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> sendSlowly(sent, 60));

		Rebuild rebuild = rebuild("--swap");
		sending.join();
		sendSlowly(sent, 5);

		assertThat(rebuild.status()).isZero();
		assertThat(rebuild.output()).contains("Swapped");
		sent.forEach(this.rows::awaitDelivery);
		assertThat(missingDeliveries(sent)).isEmpty();
	}

	@Test
	void totalsFollowTicketsAfterSwap() {
		List<UUID> sent = new ArrayList<>();

		Rebuild rebuild = rebuild("--swap");
		sendSlowly(sent, 5);

		assertThat(rebuild.output()).contains("Swapped");
		sent.forEach(this.rows::awaitDelivery);
		assertThat(EventTotals.ticketTotalsDifferences(this.jdbcClient, ReadModelSchema.LIVE)).isZero();
		assertThat(EventTotals.dailySalesDifferences(this.jdbcClient, ReadModelSchema.LIVE)).isZero();
		assertThat(validTickets()).isEqualTo(validTicketsAggregated());
	}

	@Test
	void rebuiltSchemaMatchesLiquibaseSchema() throws Exception {
		TestDatabase fresh = TestDatabase.create();
		DataSource liquibaseOnly = new DriverManagerDataSource(fresh.jdbcUrl(), fresh.username(), fresh.password());
		liquibase(liquibaseOnly).afterPropertiesSet();

		Rebuild rebuild = rebuild("--swap");

		assertThat(rebuild.output()).contains("Swapped");
		assertThat(SchemaStructure.indexes(this.dataSource, ReadModelSchema.LIVE))
			.isEqualTo(SchemaStructure.indexes(liquibaseOnly, ReadModelSchema.LIVE));
		assertThat(SchemaStructure.constraints(this.dataSource, ReadModelSchema.LIVE))
			.isEqualTo(SchemaStructure.constraints(liquibaseOnly, ReadModelSchema.LIVE));
		assertThat(SchemaStructure.triggers(this.dataSource, ReadModelSchema.LIVE))
			.isEqualTo(SchemaStructure.triggers(liquibaseOnly, ReadModelSchema.LIVE));
	}

	@Test
	void replayCommitsWithoutWaitingForDisk() {
		Rebuild rebuild = rebuild();

		assertThat(rebuild.output()).contains("with synchronous_commit off");
	}

	@Test
	void invalidArgumentIsRejected() {
		assertThat(RebuildCommand.run(List.of("--swapp"), System.out)).isEqualTo(2);
	}

	private Rebuild rebuild(String... options) {
		List<String> args = new ArrayList<>(List.of(options));
		args.add("--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString());
		args.add("--spring.datasource.url=" + database.jdbcUrl());
		args.add("--spring.datasource.username=" + database.username());
		args.add("--spring.datasource.password=" + database.password());
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status = RebuildCommand.run(args, new PrintStream(output, true, StandardCharsets.UTF_8));
		// In the test report, next to the log of the live projector.
		System.out.print(output.toString(StandardCharsets.UTF_8));
		return new Rebuild(status, output.toString(StandardCharsets.UTF_8));
	}

	private long validTickets() {
		return this.jdbcClient
			.sql("SELECT coalesce(sum(tickets), 0) FROM read_model.event_ticket_totals WHERE status = 'valid'")
			.query(Long.class)
			.single();
	}

	private long validTicketsAggregated() {
		return this.jdbcClient
			.sql("SELECT count(*) FROM read_model.tickets WHERE status = 'valid' AND event_id IS NOT NULL")
			.query(Long.class)
			.single();
	}

	private static SpringLiquibase liquibase(DataSource dataSource) throws IOException {
		return ReadModelLiquibase.on(dataSource);
	}

	private void tamperWithTicket() {
		this.rows.execute("UPDATE read_model.tickets SET title = 'tampered' WHERE number = 'TEST8841KQ2ZAB'");
	}

	private String title(String schema) {
		return this.jdbcClient.sql("SELECT title FROM " + schema + ".tickets WHERE number = 'TEST8841KQ2ZAB'")
			.query(String.class)
			.single();
	}

	private void sendSlowly(List<UUID> sent, int count) {
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			for (int i = 0; i < count; i++) {
				String number = "TESTLATE" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
				synchronized (sent) {
					sent.add(producer.send(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number)));
				}
				Thread.sleep(100);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private List<UUID> missingDeliveries(List<UUID> deliveries) {
		return deliveries.stream().filter((id) -> this.rows.deliveryStatus(id).isEmpty()).toList();
	}

	private record Rebuild(int status, String output) {

	}

}
