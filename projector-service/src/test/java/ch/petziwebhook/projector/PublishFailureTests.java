package ch.petziwebhook.projector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.TicketEvent;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.ticket.TicketEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker does not acknowledge the ticket events of a committed transaction, here
 * because the publisher fails its first five calls (2.5 s of back-off). The offset is not
 * committed, the record is delivered again, and the document of the already recorded
 * delivery is published then, once.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 1,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class PublishFailureTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final AtomicInteger failuresLeft = new AtomicInteger(5);

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
	void unacknowledgedEventIsPublishedOnRetry() throws Exception {
		ReadModelRows rows = new ReadModelRows(this.dataSource);
		String number = Samples.uniqueNumber("TESTPUBF");
		UUID deliveryId;
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			deliveryId = producer.send(Samples.withTicketNumber(PetziSamples.FESTIVAL, number));
		}
		rows.awaitDelivery(deliveryId);
		long committedWhileFailing = committedOffset();

		List<String> documents = new TicketEvents(this.broker).awaitCount(number, 1);
		await().atMost(ReadModelRows.TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(this::committedOffset, (offset) -> offset == 1);

		assertThat(committedWhileFailing).isLessThan(1);
		assertThat(failuresLeft.get()).isNegative();
		assertThat(documents).hasSize(1);
		assertThat(TicketEvent.Json.read(documents.get(0).getBytes(StandardCharsets.UTF_8)).deliveryId())
			.isEqualTo(deliveryId);
	}

	private long committedOffset() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("petzi-projector")
				.partitionsToOffsetAndMetadata()
				.get();
			OffsetAndMetadata offset = offsets.get(new TopicPartition(PetziTopics.RAW, 0));
			return (offset != null) ? offset.offset() : -1;
		}
	}

	@TestConfiguration
	static class FailingPublisherConfiguration {

		@Bean
		@Primary
		TicketEventPublisher failingPublisher(KafkaTemplate<String, byte[]> kafkaTemplate,
				MeterRegistry meterRegistry) {
			return new TicketEventPublisher(kafkaTemplate, Duration.ofSeconds(30), meterRegistry) {

				@Override
				public void publish(List<TicketEvent> events) {
					if (!events.isEmpty() && failuresLeft.getAndDecrement() > 0) {
						throw new KafkaException("Simulated missing acknowledgement");
					}
					super.publish(events);
				}

			};
		}

	}

}
