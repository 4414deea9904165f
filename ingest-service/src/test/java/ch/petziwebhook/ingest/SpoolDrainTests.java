package ch.petziwebhook.ingest;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ch.petziwebhook.ingest.spool.Spool;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries accepted while no broker runs, then drained once a real broker becomes
 * reachable at the configured bootstrap port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "petzi.webhook.secrets=" + PetziSamples.SECRET, "petzi.webhook.publish-timeout=2s" })
class SpoolDrainTests {

	private static final int BROKER_PORT = ClosedPort.find();

	private static final List<String> TICKETS = List.of("TESTDRAIN-A", "TESTDRAIN-B", "TESTDRAIN-C");

	private static final int DELIVERIES = 12;

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

	private static EmbeddedKafkaKraftBroker broker;

	private static TcpForwarder forwarder;

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	@Autowired
	Spool spool;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	@DynamicPropertySource
	static void brokerNotYetStarted(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + BROKER_PORT);
	}

	@AfterAll
	static void stopBroker() {
		if (forwarder != null) {
			forwarder.close();
		}
		if (broker != null) {
			broker.destroy();
		}
	}

	@Test
	void drainsInOrderOnceBrokerStarts() throws IOException {
		WebhookClient client = new WebhookClient(this.port);
		Map<String, String> bodiesById = new LinkedHashMap<>();
		for (int i = 0; i < DELIVERIES; i++) {
			byte[] body = body(TICKETS.get(i % TICKETS.size()), i);
			HttpResponse<String> response = client.post(body,
					new WebhookSigner(PetziSamples.SECRET).header(PetziSamples.SIGNED_AT, body));
			assertThat(response.statusCode()).as("delivery %d", i).isEqualTo(200);
			bodiesById.put(WebhookClient.json(response).path("deliveryId").asString(),
					new String(body, StandardCharsets.UTF_8));
		}
		assertThat(this.spool.depth()).isEqualTo(DELIVERIES);

		broker = new EmbeddedKafkaKraftBroker(1, 3, PetziTopics.RAW);
		broker.afterPropertiesSet();
		forwarder = TcpForwarder.start(BROKER_PORT, broker.getBrokersAsString());
		List<ConsumerRecord<String, byte[]>> records = RawTopicRecords.awaitAll(broker.getBrokersAsString(), DELIVERIES,
				DRAIN_TIMEOUT);

		assertThat(records).hasSize(DELIVERIES);
		Map<String, String> publishedById = new LinkedHashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			publishedById.put(RawTopicRecords.header(record, PetziHeaders.DELIVERY_ID).orElseThrow(),
					new String(record.value(), StandardCharsets.UTF_8));
			assertThat(RawTopicRecords.header(record, PetziHeaders.RECEIVED_AT)).hasValue("2025-01-01T12:00:00Z");
			assertThat(RawTopicRecords.header(record, PetziHeaders.SIGNATURE_TIMESTAMP)).hasValue("1735732800");
			assertThat(RawTopicRecords.header(record, PetziHeaders.PETZI_VERSION)).hasValue("2");
		}
		assertThat(publishedById).containsExactlyInAnyOrderEntriesOf(bodiesById);
		for (String ticket : TICKETS) {
			assertThat(sequencesOf(records, ticket)).as(ticket).isSorted();
		}
		await().atMost(DRAIN_TIMEOUT).until(() -> !this.spool.hasRecords());
		await().atMost(DRAIN_TIMEOUT).until(() -> segmentFiles().isEmpty());
	}

	private List<Path> segmentFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.spool.directory())) {
			return files.filter((file) -> file.toString().endsWith(".spool")).toList();
		}
	}

	private static List<Integer> sequencesOf(List<ConsumerRecord<String, byte[]>> records, String ticket) {
		List<Integer> sequences = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			if (ticket.equals(record.key())) {
				String body = new String(record.value(), StandardCharsets.UTF_8);
				sequences.add(Integer.parseInt(body.replaceAll(".*\"sequence\":(\\d+).*", "$1")));
			}
		}
		return sequences;
	}

	private static byte[] body(String ticket, int sequence) {
		return ("{\"event\":\"ticket_updated\",\"details\":{\"ticket\":{\"number\":\"" + ticket + "\"}},\"sequence\":"
				+ sequence + "}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
