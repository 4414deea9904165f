package ch.petziwebhook.projector;

import java.time.Duration;
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
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database failure in the middle of the stream: the projector retries the record it is
 * on, commits no offset past it, sends nothing to the dead-letter topic and resumes in
 * order once the database works again.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 1,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class DatabaseOutageTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final TopicPartition PARTITION = new TopicPartition(PetziTopics.RAW, 0);

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
	void outageIsRetriedWithoutSkipping() throws Exception {
		ReadModelRows rows = new ReadModelRows(this.dataSource);
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			rows.awaitDelivery(producer.send(PetziSamples.body(PetziSamples.SINGLE_SESSION)));
			long committedBefore = committedOffset();

			rows.execute("ALTER TABLE read_model.tickets RENAME TO tickets_unavailable");
			List<UUID> duringOutage = List.of(producer.send(PetziSamples.body(PetziSamples.FESTIVAL)),
					producer.send(PetziSamples.body(PetziSamples.UNICODE)),
					producer.send(PetziSamples.body(PetziSamples.BUYER_CORRECTED)));
			Thread.sleep(Duration.ofSeconds(5).toMillis());
			long recordedDuringOutage = rows.deliveryCount();
			long committedDuringOutage = committedOffset();
			rows.execute("ALTER TABLE read_model.tickets_unavailable RENAME TO tickets");

			List<String> statuses = duringOutage.stream().map(rows::awaitDelivery).toList();
			assertThat(recordedDuringOutage).isEqualTo(1);
			assertThat(committedDuringOutage).isEqualTo(committedBefore);
			assertThat(statuses).containsExactly("projected", "projected", "projected");
			assertThat(rows.sessionsOf("TEST5502FESTPA")).hasSize(3);
			assertThat(rows.ticket("TEST5502FESTPA").orElseThrow()).containsEntry("buyer_first_name", "Marc-André");
			assertThat(new DeadLetters(this.broker).all()).isEmpty();
		}
	}

	private long committedOffset() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("petzi-projector")
				.partitionsToOffsetAndMetadata()
				.get();
			return offsets.get(PARTITION).offset();
		}
	}

}
