package ch.petziwebhook.projector.delivery;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.RawWebhookProducer;
import ch.petziwebhook.projector.ReadModelRows;
import ch.petziwebhook.projector.Samples;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * Projection of raw records from a real Kafka broker into a real PostgreSQL database:
 * every sample, updates, re-deliveries, stale and ignored deliveries.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 1,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class RawWebhookListenerTests {

	private static final TestDatabase database = TestDatabase.create();

	// Every sample is sent once per class, in the feeder's order, for several tests.
	private static final Map<String, UUID> sampleDeliveries = new LinkedHashMap<>();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	private ReadModelRows rows;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@BeforeEach
	void sendSamplesOnce() {
		this.rows = new ReadModelRows(this.dataSource);
		synchronized (sampleDeliveries) {
			if (sampleDeliveries.isEmpty()) {
				try (RawWebhookProducer producer = producer()) {
					PetziSamples.ALL.forEach((sample) -> sampleDeliveries.put(sample, producer.send(body(sample))));
				}
				sampleDeliveries.values().forEach(this.rows::awaitDelivery);
			}
		}
	}

	@Test
	void projectsEverySample() {
		List<String> statuses = sampleDeliveries.values().stream().map(this.rows::awaitDelivery).toList();

		assertThat(statuses).containsOnly("projected").hasSize(10);
	}

	@Test
	void samplesGiveEightTickets() {
		List<String> numbers = List.of("TEST8841KQ2ZAB", "TEST5502FESTPA", "TEST0093UNIC0D", "TEST7720DEC5250",
				"TEST3300MINNUL", "TEST6161FWDCMP", "TEST2941SIMSTY", "TEST6666H0ST1L");

		assertThat(numbers).allSatisfy((number) -> assertThat(this.rows.ticket(number)).isPresent());
	}

	@Test
	void festivalPassKeepsSessionsInOrder() {
		List<Map<String, Object>> sessions = this.rows.sessionsOf("TEST5502FESTPA");

		assertThat(sessions).extracting((session) -> session.get("name"))
			.containsExactly("FESTIVAL EXEMPLE 2025 - Vendredi", "FESTIVAL EXEMPLE 2025 - Samedi",
					"FESTIVAL EXEMPLE 2025 - Dimanche (chapiteau)");
	}

	@Test
	void festivalPassKeepsSessionLocations() {
		List<Map<String, Object>> sessions = this.rows.sessionsOf("TEST5502FESTPA");

		assertThat(sessions).extracting((session) -> session.get("location_name"))
			.containsExactly("Plaine du Festival Exemple - Grande scène", "Plaine du Festival Exemple - Grande scène",
					"Plaine du Festival Exemple - Chapiteau");
	}

	@Test
	void festivalStagesShareLocationRows() {
		List<Object> locationIds = this.rows.sessionsOf("TEST5502FESTPA")
			.stream()
			.map((session) -> session.get("location_id"))
			.toList();

		assertThat(locationIds.get(1)).isEqualTo(locationIds.get(0));
		assertThat(locationIds.get(2)).isNotEqualTo(locationIds.get(0));
	}

	@Test
	void priceKeepsTwoDecimals() {
		Object amount = this.rows.ticket("TEST7720DEC5250").orElseThrow().get("price_amount");

		assertThat(amount).isEqualTo(new BigDecimal("52.50"));
	}

	@Test
	void unicodeTitleSurvivesIntact() {
		Object title = this.rows.ticket("TEST0093UNIC0D").orElseThrow().get("title");

		assertThat(title).isEqualTo("Nuit d’été – Ça déménage ! 🎸");
	}

	@Test
	void unicodeBuyerNameSurvivesIntact() {
		Object lastName = this.rows.ticket("TEST0093UNIC0D").orElseThrow().get("buyer_last_name");

		assertThat(lastName).isEqualTo("Müller-Lévêque d’Exemple");
	}

	@Test
	void unicodeLocationSurvivesIntact() {
		Object city = this.rows.sessionsOf("TEST0093UNIC0D").get(0).get("location_city");

		assertThat(city).isEqualTo("Zürich");
	}

	@Test
	void escapedCharactersAreDecoded() {
		Object title = this.rows.ticket("TEST2941SIMSTY").orElseThrow().get("title");

		assertThat(title).isEqualTo("SOIRÉE TEST SIMULATEUR");
	}

	@Test
	void hostileEventNameStoredVerbatim() {
		Object name = this.rows.eventOf("TEST6666H0ST1L").get("name");

		assertThat(name).isEqualTo("Robert'); DROP TABLE tickets;--");
	}

	@Test
	void hostilePromoterStoredVerbatim() {
		Object promoter = this.rows.eventOf("TEST6666H0ST1L").get("promoter");

		assertThat(promoter).isEqualTo("Tab\tand\nnewline Sàrl");
	}

	@Test
	void hostileFormulasStoredVerbatim() {
		Map<String, Object> ticket = this.rows.ticket("TEST6666H0ST1L").orElseThrow();

		assertThat(List.of(ticket.get("title"), ticket.get("category"), ticket.get("buyer_first_name"),
				ticket.get("buyer_last_name")))
			.containsExactly("<script>alert('x')</script>", "=HYPERLINK(\"http://example.invalid\",\"clic\")",
					"=cmd|' /C calc'!A0", "O'Exemple; DELETE FROM buyers");
	}

	@Test
	void minimalNullsKeepsBuyerNamesNull() {
		Map<String, Object> ticket = this.rows.ticket("TEST3300MINNUL").orElseThrow();

		assertThat(List.of("type", "buyer_first_name", "buyer_last_name", "buyer_email", "buyer_postcode"))
			.allSatisfy((column) -> assertThat(ticket).containsEntry(column, null));
	}

	@Test
	void minimalNullsKeepsSessionTimesNull() {
		Map<String, Object> session = this.rows.sessionsOf("TEST3300MINNUL").get(0);

		assertThat(List.of("time", "doors")).allSatisfy((column) -> assertThat(session).containsEntry(column, null));
	}

	@Test
	void minimalNullsKeepsZeroPrice() {
		Object amount = this.rows.ticket("TEST3300MINNUL").orElseThrow().get("price_amount");

		assertThat(amount).isEqualTo(new BigDecimal("0.00"));
	}

	@Test
	void soldAtComesFromGeneratedAt() {
		Object soldAt = this.rows.ticket("TEST8841KQ2ZAB").orElseThrow().get("sold_at");

		assertThat(soldAt).isEqualTo(Timestamp.from(Instant.parse("2025-03-14T18:42:07.123456Z")));
	}

	@Test
	void cancellationMarksSampleTicketCancelled() {
		Map<String, Object> ticket = this.rows.ticket("TEST8841KQ2ZAB").orElseThrow();

		assertThat(List.of(ticket.get("status"), ticket.get("cancellation_reason"))).containsExactly("cancelled",
				"event_cancellation");
	}

	@Test
	void cancellationKeepsSingleSession() {
		List<Map<String, Object>> sessions = this.rows.sessionsOf("TEST8841KQ2ZAB");

		assertThat(sessions).hasSize(1);
	}

	@Test
	void validTicketHasNoCancellationReason() {
		Map<String, Object> ticket = this.rows.ticket("TEST7720DEC5250").orElseThrow();

		assertThat(ticket).containsEntry("status", "valid").containsEntry("cancellation_reason", null);
	}

	@Test
	void buyerCorrectionReplacesFirstName() {
		String number = Samples.uniqueNumber("TESTFEST");
		try (RawWebhookProducer producer = producer()) {
			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.FESTIVAL, number)));
			Object before = this.rows.ticket(number).orElseThrow().get("buyer_first_name");

			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.BUYER_CORRECTED, number)));
			Object after = this.rows.ticket(number).orElseThrow().get("buyer_first_name");

			assertThat(List.of(before, after)).containsExactly("Marc", "Marc-André");
		}
	}

	@Test
	void buyerCorrectionKeepsThreeSessions() {
		String number = Samples.uniqueNumber("TESTFEST");
		try (RawWebhookProducer producer = producer()) {
			producer.send(Samples.withTicketNumber(PetziSamples.FESTIVAL, number));
			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.BUYER_CORRECTED, number)));

			assertThat(this.rows.sessionsOf(number)).extracting((session) -> session.get("position"))
				.containsExactly(1, 2, 3);
		}
	}

	@Test
	void updateWithFewerSessionsReplacesLinks() {
		String number = Samples.uniqueNumber("TESTFEST");
		try (RawWebhookProducer producer = producer()) {
			producer.send(Samples.withTicketNumber(PetziSamples.FESTIVAL, number));
			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.CANCELLATION, number)));

			assertThat(this.rows.sessionsOf(number)).extracting((session) -> session.get("name"))
				.containsExactly("LES HIBOUX \u00c9LECTRIQUES + DJ PLACEBO");
		}
	}

	@Test
	void updateWithMoreSessionsAddsLinks() {
		String number = Samples.uniqueNumber("TESTSING");
		try (RawWebhookProducer producer = producer()) {
			producer.send(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number));
			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.BUYER_CORRECTED, number)));

			assertThat(this.rows.sessionsOf(number)).extracting((session) -> session.get("name"))
				.containsExactly("FESTIVAL EXEMPLE 2025 - Vendredi", "FESTIVAL EXEMPLE 2025 - Samedi",
						"FESTIVAL EXEMPLE 2025 - Dimanche (chapiteau)");
		}
	}

	@Test
	void updateKeepsCreationTime() {
		String number = Samples.uniqueNumber("TESTFEST");
		try (RawWebhookProducer producer = producer()) {
			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.FESTIVAL, number)));
			Object createdBefore = this.rows.ticket(number).orElseThrow().get("created_at");

			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.BUYER_CORRECTED, number)));

			assertThat(this.rows.ticket(number).orElseThrow().get("created_at")).isEqualTo(createdBefore);
		}
	}

	@Test
	void cancellationTurnsTicketCancelled() {
		String number = Samples.uniqueNumber("TESTSNGL");
		try (RawWebhookProducer producer = producer()) {
			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number)));
			Object before = this.rows.ticket(number).orElseThrow().get("status");

			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.CANCELLATION, number)));
			Object after = this.rows.ticket(number).orElseThrow().get("status");

			assertThat(List.of(before, after)).containsExactly("valid", "cancelled");
		}
	}

	@Test
	void sameDeliveryTwiceChangesNothing() {
		String number = Samples.uniqueNumber("TESTDUPL");
		byte[] body = Samples.withTicketNumber(PetziSamples.FESTIVAL, number);
		try (RawWebhookProducer producer = producer()) {
			UUID deliveryId = producer.send(body);
			this.rows.awaitDelivery(deliveryId);
			Map<String, List<Map<String, Object>>> before = this.rows.allTables();
			Object processedAt = this.rows.delivery(deliveryId).get("processed_at");

			producer.send(deliveryId, body, PetziSamples.SIGNED_AT);
			awaitBarrier(producer);

			assertThat(this.rows.delivery(deliveryId).get("processed_at")).isEqualTo(processedAt);
			assertThat(withoutBarriers(this.rows.allTables())).isEqualTo(withoutBarriers(before));
		}
	}

	@Test
	void sameBodyTwiceKeepsOneTicket() {
		String number = Samples.uniqueNumber("TESTDUPL");
		byte[] body = Samples.withTicketNumber(PetziSamples.FESTIVAL, number);
		try (RawWebhookProducer producer = producer()) {
			this.rows.awaitDelivery(producer.send(body));
			Map<String, Object> before = this.rows.ticket(number).orElseThrow();
			List<Map<String, Object>> sessionsBefore = this.rows.sessionsOf(number);

			UUID second = producer.send(body);

			assertThat(this.rows.awaitDelivery(second)).isEqualTo("projected");
			assertThat(snapshot(this.rows.ticket(number).orElseThrow())).isEqualTo(snapshot(before));
			assertThat(this.rows.sessionsOf(number)).isEqualTo(sessionsBefore);
		}
	}

	@Test
	void olderDeliveryIsStale() {
		String number = Samples.uniqueNumber("TESTSTAL");
		try (RawWebhookProducer producer = producer()) {
			producer.send(Samples.withTicketNumber(PetziSamples.CANCELLATION, number), PetziSamples.SIGNED_AT + 60);

			UUID older = producer.send(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number));

			assertThat(this.rows.awaitDelivery(older)).isEqualTo("stale");
		}
	}

	@Test
	void olderDeliveryChangesNothing() {
		String number = Samples.uniqueNumber("TESTSTAL");
		try (RawWebhookProducer producer = producer()) {
			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.CANCELLATION, number),
					PetziSamples.SIGNED_AT + 60));
			Map<String, Object> before = this.rows.ticket(number).orElseThrow();

			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number)));

			assertThat(this.rows.ticket(number).orElseThrow()).isEqualTo(before);
		}
	}

	@Test
	void lateCreateKeepsUpdate() {
		String number = Samples.uniqueNumber("TESTLATE");
		try (RawWebhookProducer producer = producer()) {
			this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.CANCELLATION, number)));
			Map<String, Object> before = this.rows.ticket(number).orElseThrow();

			UUID lateCreate = producer.send(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number),
					PetziSamples.SIGNED_AT + 60);

			assertThat(this.rows.awaitDelivery(lateCreate)).isEqualTo("stale");
			assertThat(this.rows.ticket(number).orElseThrow()).isEqualTo(before);
			assertThat(before).containsEntry("status", "cancelled");
		}
	}

	@Test
	void unknownEventIsIgnored() {
		String number = Samples.uniqueNumber("TESTIGNR");
		byte[] body = Samples.replacing(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number),
				"\"ticket_created\"", "\"ticket_scanned\"");
		try (RawWebhookProducer producer = producer()) {
			UUID deliveryId = producer.send(body);

			assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("ignored");
			assertThat(this.rows.delivery(deliveryId)).containsEntry("event", "ticket_scanned")
				.containsEntry("ticket_number", number);
		}
	}

	@Test
	void unknownEventProjectsNoTicket() {
		String number = Samples.uniqueNumber("TESTIGNR");
		byte[] body = Samples.replacing(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number),
				"\"ticket_created\"", "\"ticket_scanned\"");
		try (RawWebhookProducer producer = producer()) {
			this.rows.awaitDelivery(producer.send(body));

			assertThat(this.rows.ticket(number)).isEmpty();
		}
	}

	@Test
	void recordWithoutHeadersGetsDerivedValues() {
		String number = Samples.uniqueNumber("TESTHAND");
		try (RawWebhookProducer producer = producer()) {
			RecordMetadata written = producer.sendWithoutHeaders(number,
					Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number));
			UUID expectedId = UUID
				.nameUUIDFromBytes((PetziTopics.RAW + "-" + written.partition() + "@" + written.offset())
					.getBytes(StandardCharsets.UTF_8));

			assertThat(this.rows.awaitDelivery(expectedId)).isEqualTo("projected");
			assertThat(this.rows.delivery(expectedId)).containsEntry("signature_timestamp", 0L)
				.containsEntry("received_at", new Timestamp(written.timestamp()));
		}
	}

	@Test
	void deliveryRowRecordsHeaders() {
		UUID deliveryId = sampleDeliveries.get(PetziSamples.PRICE_DECIMALS);

		Map<String, Object> delivery = this.rows.delivery(deliveryId);

		assertThat(delivery).containsEntry("received_at", Timestamp.from(RawWebhookProducer.RECEIVED_AT))
			.containsEntry("signature_timestamp", PetziSamples.SIGNED_AT)
			.containsEntry("event", "ticket_created")
			.containsEntry("ticket_number", "TEST7720DEC5250")
			.containsEntry("error", null);
	}

	private RawWebhookProducer producer() {
		return new RawWebhookProducer(this.broker);
	}

	private static byte[] body(String sample) {
		return PetziSamples.body(sample);
	}

	/**
	 * Sends a marker ticket behind the records already sent and waits for it: with one
	 * partition, the records before it are processed by then.
	 */
	private void awaitBarrier(RawWebhookProducer producer) {
		String number = "BARRIER" + UUID.randomUUID();
		this.rows.awaitDelivery(producer.send(Samples.withTicketNumber(PetziSamples.MINIMAL_NULLS, number)));
	}

	private static Map<String, List<Map<String, Object>>> withoutBarriers(
			Map<String, List<Map<String, Object>>> tables) {
		Map<String, List<Map<String, Object>>> filtered = new LinkedHashMap<>();
		tables.forEach((table, rows) -> filtered.put(table, rows.stream()
			.filter((
					row) -> !String.valueOf(row.getOrDefault("number", row.get("ticket_number"))).startsWith("BARRIER"))
			.toList()));
		return filtered;
	}

	/**
	 * Returns the ticket row without the columns that name the delivery that wrote it.
	 */
	private static Map<String, Object> snapshot(Map<String, Object> ticket) {
		Map<String, Object> snapshot = new LinkedHashMap<>(ticket);
		List.of("last_delivery_id", "source_offset", "source_partition").forEach(snapshot::remove);
		return snapshot;
	}

}
