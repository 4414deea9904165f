package ch.petziwebhook.projector.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.DeadLetters;
import ch.petziwebhook.projector.RawWebhookProducer;
import ch.petziwebhook.projector.ReadModelRows;
import ch.petziwebhook.projector.Samples;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several records in one poll: the listener container is stopped while they are sent, so
 * the first poll after its start returns all of them. Payloads that cannot be projected,
 * found before or by the database, go to the dead-letter topic alone, and the rest of the
 * batch is projected.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 1,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class BatchTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final byte[] NOT_JSON = "this is not JSON".getBytes(StandardCharsets.UTF_8);

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
	void poisonInBatchFailsAlone() {
		List<UUID> deliveries = sendWhileStopped(List.of(ticket("TESTBAT1"), NOT_JSON, ticket("TESTBAT2"),
				zeroCharacter("TESTBAT3"), ticket("TESTBAT4")));

		List<String> statuses = deliveries.stream().map(this.rows::awaitDelivery).toList();

		assertThat(statuses).containsExactly("projected", "failed", "projected", "failed", "projected");
	}

	@Test
	void poisonInBatchGoesToDeadLetterTopic() {
		List<UUID> deliveries = sendWhileStopped(List.of(ticket("TESTBAT5"), NOT_JSON, ticket("TESTBAT6"),
				zeroCharacter("TESTBAT7"), ticket("TESTBAT8")));
		deliveries.forEach(this.rows::awaitDelivery);

		List<String> deadLetters = new DeadLetters(this.broker).all()
			.stream()
			.map(BatchTests::deliveryIdOf)
			.filter((id) -> deliveries.contains(UUID.fromString(id)))
			.toList();

		assertThat(deadLetters).containsExactly(deliveries.get(1).toString(), deliveries.get(3).toString());
	}

	@Test
	void updatesInOneBatchKeepLast() {
		String number = Samples.uniqueNumber("TESTBATU");
		List<UUID> deliveries = sendWhileStopped(List.of(Samples.withTicketNumber(PetziSamples.FESTIVAL, number),
				Samples.withTicketNumber(PetziSamples.BUYER_CORRECTED, number)));
		deliveries.forEach(this.rows::awaitDelivery);

		assertThat(this.rows.ticket(number).orElseThrow()).containsEntry("buyer_first_name", "Marc-André")
			.containsEntry("last_delivery_id", deliveries.get(1));
		assertThat(this.rows.sessionsOf(number)).hasSize(3);
	}

	@Test
	void shrinkingUpdateInOneBatchKeepsLast() {
		String number = Samples.uniqueNumber("TESTBATS");
		List<UUID> deliveries = sendWhileStopped(List.of(Samples.withTicketNumber(PetziSamples.FESTIVAL, number),
				Samples.withTicketNumber(PetziSamples.CANCELLATION, number)));
		deliveries.forEach(this.rows::awaitDelivery);

		assertThat(this.rows.sessionsOf(number)).extracting((session) -> session.get("name"))
			.containsExactly("LES HIBOUX \u00c9LECTRIQUES + DJ PLACEBO");
	}

	@Test
	void repeatedDeliveryInBatchRecordedOnce() {
		String number = Samples.uniqueNumber("TESTBATR");
		byte[] body = Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number);
		UUID deliveryId = UUID.randomUUID();

		stopAndSend((producer) -> {
			producer.send(deliveryId, body, PetziSamples.SIGNED_AT);
			producer.send(deliveryId, body, PetziSamples.SIGNED_AT);
		});

		assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("projected");
		assertThat(this.rows.ticket(number)).isPresent();
	}

	private List<UUID> sendWhileStopped(List<byte[]> bodies) {
		List<UUID> deliveries = new ArrayList<>();
		stopAndSend((producer) -> bodies.forEach((body) -> deliveries.add(producer.send(body))));
		return deliveries;
	}

	private void stopAndSend(Consumer<RawWebhookProducer> sender) {
		MessageListenerContainer container = this.listeners.getListenerContainer(RawWebhookListener.LISTENER_ID);
		container.stop();
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			sender.accept(producer);
		}
		finally {
			container.start();
		}
	}

	private static byte[] ticket(String prefix) {
		return Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, Samples.uniqueNumber(prefix));
	}

	private static byte[] zeroCharacter(String prefix) {
		return Samples.replacing(ticket(prefix), "\"category\": \"Prélocation\"",
				"\"category\": \"Pré\\u0000location\"");
	}

	private static String deliveryIdOf(ConsumerRecord<String, byte[]> record) {
		Header header = record.headers().lastHeader(PetziHeaders.DELIVERY_ID);
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}
