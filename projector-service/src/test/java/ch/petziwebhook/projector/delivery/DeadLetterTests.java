package ch.petziwebhook.projector.delivery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.sql.DataSource;

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
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payloads that cannot be projected: they go to the dead-letter topic with the reason in
 * headers, the delivery log marks them failed, and the partition keeps flowing.
 */
@SpringBootTest(
		properties = { "petzi.projector.retry.initial-interval=100ms", "petzi.projector.retry.max-interval=1s" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.DEAD_LETTER }, partitions = 1,
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class DeadLetterTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final byte[] NOT_JSON = "this is not JSON".getBytes(StandardCharsets.UTF_8);

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	private ReadModelRows rows;

	private DeadLetters deadLetters;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@BeforeEach
	void createHelpers() {
		this.rows = new ReadModelRows(this.dataSource);
		this.deadLetters = new DeadLetters(this.broker);
	}

	@Test
	void nonJsonBodyGoesToDeadLetterTopic() {
		UUID deliveryId = send(NOT_JSON);

		ConsumerRecord<String, byte[]> deadLetter = this.deadLetters.awaitDeadLetter(deliveryId);

		assertThat(deadLetter.value()).isEqualTo(NOT_JSON);
	}

	@Test
	void deadLetterCarriesExceptionHeaders() {
		UUID deliveryId = send(NOT_JSON);

		ConsumerRecord<String, byte[]> deadLetter = this.deadLetters.awaitDeadLetter(deliveryId);

		assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN)).isNotBlank();
		assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("not a valid Petzi payload");
		assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(PetziTopics.RAW);
	}

	@Test
	void nonJsonBodyIsRecordedFailed() {
		UUID deliveryId = send(NOT_JSON);

		assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("failed");
		assertThat((String) this.rows.delivery(deliveryId).get("error")).contains("not a valid Petzi payload");
	}

	@Test
	void nextRecordOnPartitionIsProjected() {
		send(NOT_JSON);

		UUID next = send(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, Samples.uniqueNumber("TESTNEXT")));

		assertThat(this.rows.awaitDelivery(next)).isEqualTo("projected");
	}

	@Test
	void missingTicketNumberIsRecordedFailed() {
		byte[] body = Samples.replacing(PetziSamples.body(PetziSamples.SINGLE_SESSION),
				"\"number\": \"TEST8841KQ2ZAB\",", "");

		UUID deliveryId = send(body);

		assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("failed");
		assertThat(this.rows.delivery(deliveryId)).containsEntry("error", "Payload has no details.ticket.number")
			.containsEntry("event", "ticket_created");
	}

	@Test
	void missingTicketNumberGoesToDeadLetterTopic() {
		byte[] body = Samples.replacing(PetziSamples.body(PetziSamples.SINGLE_SESSION),
				"\"number\": \"TEST8841KQ2ZAB\",", "");

		UUID deliveryId = send(body);

		assertThat(this.deadLetters.awaitDeadLetter(deliveryId).value()).isEqualTo(body);
	}

	@Test
	void missingEventIsRecordedFailed() {
		String number = Samples.uniqueNumber("TESTNOEV");
		byte[] body = Samples.replacing(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number),
				"\"event\": \"ticket_created\",", "");

		UUID deliveryId = send(body);

		assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("failed");
		assertThat(this.rows.delivery(deliveryId)).containsEntry("ticket_number", number);
	}

	@Test
	void wrongTypeIsRecordedFailed() {
		byte[] body = Samples.replacing(
				Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, Samples.uniqueNumber("TESTTYPE")),
				"\"eventId\": 61234", "\"eventId\": {\"id\": 61234}");

		UUID deliveryId = send(body);

		assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("failed");
	}

	@Test
	void priceWithThreeDecimalsIsRecordedFailed() {
		byte[] body = Samples.replacing(
				Samples.withTicketNumber(PetziSamples.PRICE_DECIMALS, Samples.uniqueNumber("TESTPRIC")), "\"52.50\"",
				"\"52.505\"");

		UUID deliveryId = send(body);

		assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("failed");
		assertThat(this.rows.delivery(deliveryId)).containsEntry("error",
				"price.amount 52.505 has more than two decimals");
	}

	@Test
	void oversizedPriceIsRecordedFailed() {
		byte[] body = Samples.replacing(
				Samples.withTicketNumber(PetziSamples.PRICE_DECIMALS, Samples.uniqueNumber("TESTPRIC")), "\"52.50\"",
				"\"123456789.00\"");

		UUID deliveryId = send(body);

		assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("failed");
	}

	@Test
	void unpairedSurrogateInNameIsRecordedFailed() {
		String number = Samples.uniqueNumber("TESTSURR");
		byte[] body = Samples.replacing(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number),
				"\"lastName\": \"Exemple\"", "\"lastName\": \"\\ud800\"");

		UUID deliveryId = send(body);

		assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("failed");
		assertThat(this.rows.delivery(deliveryId)).containsEntry("error",
				"Body is not a valid Petzi payload: details.buyer.lastName contains an unpaired surrogate, "
						+ "which UTF-8 cannot encode");
		assertThat(this.rows.ticket(number)).isEmpty();
	}

	@Test
	void zeroCharacterIsRecordedFailed() {
		String number = Samples.uniqueNumber("TESTZERO");
		byte[] body = Samples.replacing(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number),
				"\"category\": \"Prélocation\"", "\"category\": \"Pré\\u0000location\"");

		UUID deliveryId = send(body);

		assertThat(this.rows.awaitDelivery(deliveryId)).isEqualTo("failed");
		assertThat((String) this.rows.delivery(deliveryId).get("error")).startsWith("Database rejected a value");
	}

	@Test
	void zeroCharacterProjectsNoTicket() {
		String number = Samples.uniqueNumber("TESTZERO");
		byte[] body = Samples.replacing(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, number),
				"\"category\": \"Prélocation\"", "\"category\": \"Pré\\u0000location\"");

		this.rows.awaitDelivery(send(body));

		assertThat(this.rows.ticket(number)).isEmpty();
	}

	@Test
	void failedDeliveryIsNotRetried() {
		UUID failed = send(NOT_JSON);
		this.rows.awaitDelivery(failed);

		UUID next = send(Samples.withTicketNumber(PetziSamples.SINGLE_SESSION, Samples.uniqueNumber("TESTONCE")));
		this.rows.awaitDelivery(next);

		assertThat(this.deadLetters.all()).filteredOn(
				(record) -> failed.toString().equals(header(record, ch.petziwebhook.model.PetziHeaders.DELIVERY_ID)))
			.hasSize(1);
	}

	private UUID send(byte[] body) {
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			return producer.send(body);
		}
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
