package ch.petziwebhook.projector.ticket;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.TicketEvent;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.model.test.TicketEventSchema;
import ch.petziwebhook.projector.RawWebhookProducer;
import ch.petziwebhook.projector.ReadModelRows;
import ch.petziwebhook.projector.Samples;
import ch.petziwebhook.projector.TicketEvents;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeEach;
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
 * Ticket events on {@value PetziTopics#TICKETS}: one document per delivery that changed a
 * ticket, valid against the schema of common-model; nothing for a stale delivery; the
 * identical document again for a re-delivery of the ticket's current snapshot.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 1,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class TicketEventPublicationTests {

	private static final TestDatabase database = TestDatabase.create();

	// Every sample is sent once per class, in the feeder's order, for several tests.
	private static final Map<String, UUID> sampleDeliveries = new LinkedHashMap<>();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	private ReadModelRows rows;

	private TicketEvents events;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@BeforeEach
	void sendSamplesOnce() {
		this.rows = new ReadModelRows(this.dataSource);
		this.events = new TicketEvents(this.broker);
		synchronized (sampleDeliveries) {
			if (sampleDeliveries.isEmpty()) {
				try (RawWebhookProducer producer = producer()) {
					PetziSamples.ALL
						.forEach((sample) -> sampleDeliveries.put(sample, producer.send(PetziSamples.body(sample))));
				}
				// The cancellation is the last sample and shares its ticket with the
				// first.
				this.events.awaitCount("TEST8841KQ2ZAB", 2);
			}
		}
	}

	@Test
	void everySampleDocumentMatchesSchema() {
		List<ConsumerRecord<String, byte[]>> records = sampleRecords();

		assertThat(records).hasSize(PetziSamples.ALL.size());
		assertThat(records).allSatisfy((record) -> assertThat(TicketEventSchema.violations(record.value())).isEmpty());
	}

	@Test
	void creationSampleIsCreatedChange() {
		TicketEvent event = onlyEvent("TEST7720DEC5250");

		assertThat(event).isInstanceOf(TicketEvent.TicketCreated.class);
	}

	@Test
	void buyerCorrectionIsUpdatedChange() {
		List<TicketEvent> festival = eventsOf("TEST5502FESTPA");

		assertThat(festival).map(Object::getClass)
			.containsExactly(TicketEvent.TicketCreated.class, TicketEvent.TicketUpdated.class);
		assertThat(festival.get(1).buyer().firstName()).isEqualTo("Marc-André");
	}

	@Test
	void cancellationIsCancelledChange() {
		List<TicketEvent> single = eventsOf("TEST8841KQ2ZAB");

		assertThat(single).map(Object::getClass)
			.containsExactly(TicketEvent.TicketCreated.class, TicketEvent.TicketCancelled.class);
	}

	@Test
	void documentCarriesWholeTicket() {
		TicketEvent event = eventsOf("TEST5502FESTPA").get(0);

		assertThat(event.ticket().sessions()).hasSize(3);
		assertThat(event.ticket().price().amount()).isEqualByComparingTo("89.00");
		assertThat(event.buyer().postcode()).isEqualTo("1400");
	}

	@Test
	void documentNamesDeliveryAndReceiveTime() {
		TicketEvent event = onlyEvent("TEST7720DEC5250");

		assertThat(event.deliveryId()).isEqualTo(sampleDeliveries.get(PetziSamples.PRICE_DECIMALS));
		assertThat(event.changedAt()).isEqualTo(RawWebhookProducer.RECEIVED_AT);
	}

	@Test
	void recordKeyIsTicketNumber() {
		List<ConsumerRecord<String, byte[]>> records = sampleRecords();

		assertThat(records).allSatisfy((record) -> assertThat(record.key())
			.isEqualTo(TicketEvent.Json.read(record.value()).ticket().number()));
	}

	@Test
	void staleDeliveryPublishesNothing() {
		String number = Samples.uniqueNumber("TESTSTAL");
		try (RawWebhookProducer producer = producer()) {
			producer.send(Samples.withTicketNumber(PetziSamples.CANCELLATION, number), PetziSamples.SIGNED_AT + 60);
			UUID older = producer.send(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number));
			this.rows.awaitDelivery(older);
			awaitBarrier(producer);

			assertThat(this.events.of(number)).hasSize(1);
		}
	}

	@Test
	void redeliveryRepublishesIdenticalDocument() {
		String number = Samples.uniqueNumber("TESTDUPL");
		byte[] body = Samples.withTicketNumber(PetziSamples.FESTIVAL, number);
		try (RawWebhookProducer producer = producer()) {
			UUID deliveryId = producer.send(body);
			this.events.awaitCount(number, 1);

			producer.send(deliveryId, body, PetziSamples.SIGNED_AT);
			List<String> documents = this.events.awaitCount(number, 2);

			assertThat(documents).hasSize(2);
			assertThat(documents.get(1)).isEqualTo(documents.get(0));
		}
	}

	@Test
	void redeliveryOfReplacedSnapshotPublishesNothing() {
		String number = Samples.uniqueNumber("TESTDUPL");
		byte[] created = Samples.withTicketNumber(PetziSamples.FESTIVAL, number);
		try (RawWebhookProducer producer = producer()) {
			UUID first = producer.send(created);
			producer.send(Samples.withTicketNumber(PetziSamples.BUYER_CORRECTED, number));
			this.events.awaitCount(number, 2);

			producer.send(first, created, PetziSamples.SIGNED_AT);
			awaitBarrier(producer);

			assertThat(this.events.of(number)).hasSize(2);
		}
	}

	@Test
	void ignoredDeliveryPublishesNothing() {
		String number = Samples.uniqueNumber("TESTIGNR");
		byte[] body = Samples.replacing(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number),
				"\"ticket_created\"", "\"ticket_scanned\"");
		try (RawWebhookProducer producer = producer()) {
			producer.send(body);
			awaitBarrier(producer);

			assertThat(this.events.of(number)).isEmpty();
		}
	}

	@Test
	void ticketTopicIsCompacted() throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, PetziTopics.TICKETS);
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);

			assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
				.isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
		}
	}

	private RawWebhookProducer producer() {
		return new RawWebhookProducer(this.broker);
	}

	private List<ConsumerRecord<String, byte[]>> sampleRecords() {
		List<String> numbers = List.of("TEST8841KQ2ZAB", "TEST5502FESTPA", "TEST0093UNIC0D", "TEST7720DEC5250",
				"TEST3300MINNUL", "TEST6161FWDCMP", "TEST2941SIMSTY", "TEST6666H0ST1L");
		return this.events.all().stream().filter((record) -> numbers.contains(record.key())).toList();
	}

	private List<TicketEvent> eventsOf(String number) {
		return this.events.of(number)
			.stream()
			.map((document) -> TicketEvent.Json.read(document.getBytes(StandardCharsets.UTF_8)))
			.toList();
	}

	private TicketEvent onlyEvent(String number) {
		List<TicketEvent> events = eventsOf(number);
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	/**
	 * Sends a marker ticket behind the records already sent and waits for its document:
	 * with one partition, the records before it are published by then.
	 */
	private void awaitBarrier(RawWebhookProducer producer) {
		String number = "BARRIER" + UUID.randomUUID();
		producer.send(Samples.withTicketNumber(PetziSamples.MINIMAL_NULLS, number));
		this.events.awaitCount(number, 1);
	}

}
