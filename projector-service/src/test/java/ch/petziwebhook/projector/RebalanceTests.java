package ch.petziwebhook.projector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
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
 * Two projector instances in one consumer group on one database. A second instance joins
 * while records flow, projects some of them and leaves again while more are in flight, so
 * partitions move between the instances in the middle of the stream (20 records per
 * poll). The tables end as a single instance leaves them when it projects the same stream
 * into another database. Each instance runs the default three consumers, so the topic has
 * six partitions: with three, the second instance's consumers could all be left without
 * one.
 */
@SpringBootTest(properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s",
		"spring.kafka.consumer.max-poll-records=20" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 6,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class RebalanceTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final TestDatabase singleDatabase = TestDatabase.create();

	private static final int TICKETS = 60;

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
	void rebalanceLeavesSameRowsAsSingleInstance() {
		ReadModelRows rows = new ReadModelRows(this.dataSource);
		List<UUID> deliveries = new ArrayList<>();
		double projectedBySecond;
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			sendTickets(producer, deliveries, 0);
			try (ConfigurableApplicationContext second = instance(database, "petzi-projector")) {
				// Joining moves partitions while the first instance works through round
				// 0.
				awaitAssignment(second);
				sendTickets(producer, deliveries, 1);
				await().atMost(ReadModelRows.TIMEOUT).until(() -> projectedBy(second), (projected) -> projected > 0);
				sendTickets(producer, deliveries, 2);
				projectedBySecond = projectedBy(second);
				// Leaving moves its partitions back while round 2 is in flight.
			}
			sendTickets(producer, deliveries, 3);
		}
		await().atMost(ReadModelRows.TIMEOUT).until(rows::deliveryCount, (count) -> count >= deliveries.size());
		Map<String, List<Map<String, Object>>> shared = rows.allTables();

		Map<String, List<Map<String, Object>>> single = projectAlone(deliveries.size());

		assertThat(projectedBySecond).isPositive();
		assertThat(shared.get("deliveries")).hasSize(deliveries.size());
		shared.forEach((table, contents) -> assertThat(single.get(table)).as(table).isEqualTo(contents));
	}

	/**
	 * Sends one delivery per ticket: creations in round 0, then updates signed one second
	 * later per round.
	 */
	private static void sendTickets(RawWebhookProducer producer, List<UUID> deliveries, int round) {
		for (int i = 0; i < TICKETS; i++) {
			String number = "TESTREBAL" + i;
			String sample = (round == 0) ? PetziSamples.FESTIVAL : PetziSamples.BUYER_CORRECTED;
			byte[] body = Samples.withTicketNumber(sample, number);
			deliveries.add(producer.send(body, PetziSamples.SIGNED_AT + round));
		}
	}

	private static void awaitAssignment(ConfigurableApplicationContext instance) {
		MessageListenerContainer container = instance.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("raw-webhook-listener");
		await().atMost(ReadModelRows.TIMEOUT).until(() -> {
			Collection<TopicPartition> assigned = container.getAssignedPartitions();
			return assigned != null && !assigned.isEmpty();
		});
	}

	private static double projectedBy(ConfigurableApplicationContext instance) {
		Counter counter = instance.getBean(MeterRegistry.class)
			.find("petzi.projector.deliveries")
			.tag("status", "projected")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private Map<String, List<Map<String, Object>>> projectAlone(int deliveryCount) {
		try (ConfigurableApplicationContext single = instance(singleDatabase, "petzi-projector-single")) {
			ReadModelRows singleRows = new ReadModelRows(single.getBean(HikariDataSource.class));
			await().atMost(ReadModelRows.TIMEOUT).until(singleRows::deliveryCount, (count) -> count >= deliveryCount);
			return singleRows.allTables();
		}
	}

	private ConfigurableApplicationContext instance(TestDatabase target, String groupId) {
		return new SpringApplicationBuilder(ProjectorApplication.class).web(WebApplicationType.NONE)
			.run("--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
					"--spring.kafka.consumer.group-id=" + groupId, "--spring.kafka.consumer.max-poll-records=20",
					"--spring.datasource.url=" + target.jdbcUrl(), "--spring.datasource.username=" + target.username(),
					"--spring.datasource.password=" + target.password());
	}

}
