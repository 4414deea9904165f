package ch.petziwebhook.ingest;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import ch.petziwebhook.ingest.spool.Spool;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries whose acknowledgement from a real broker comes after the publish timeout,
 * although the broker wrote them in time. The producer's delivery timeout is longer than
 * the publish timeout here, so such a send still succeeds after ingest has spooled the
 * delivery.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "petzi.webhook.secrets=" + PetziSamples.SECRET, "petzi.webhook.publish-timeout=2s",
				"spring.kafka.producer.properties.interceptor.classes=ch.petziwebhook.ingest.SlowAcknowledgements",
				"spring.kafka.producer.properties.request.timeout.ms=15000",
				"spring.kafka.producer.properties.delivery.timeout.ms=30000" })
@EmbeddedKafka(partitions = 3, topics = PetziTopics.RAW, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class LateAcknowledgementTests {

	private static final Duration LATE = Duration.ofSeconds(5);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

	private static final AtomicInteger posted = new AtomicInteger();

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	Spool spool;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	@Test
	void lateAcknowledgedDeliveryPublishedOnce() {
		SlowAcknowledgements.holdAfter(0, LATE);
		String deliveryId = post("TESTLATE-A", 0);
		assertThat(this.spool.hasRecords()).as("spooled after the publish timeout").isTrue();

		await().atMost(DRAIN_TIMEOUT).until(() -> !this.spool.hasRecords());

		assertThat(copiesById()).containsEntry(deliveryId, 1L);
	}

	@Test
	void drainBatchNotResentWhole() {
		SlowAcknowledgements.holdAfter(0, LATE);
		List<String> deliveryIds = new ArrayList<>();
		deliveryIds.add(post("TESTLATE-B", 0));
		// The next deliveries queue behind the first in the spool; the drainer's batch
		// gets its first three acknowledgements at once and the rest late.
		SlowAcknowledgements.holdAfter(3, LATE);
		for (int i = 1; i < 12; i++) {
			deliveryIds.add(post("TESTLATE-" + (char) ('B' + i % 3), i));
		}

		await().atMost(DRAIN_TIMEOUT).until(() -> !this.spool.hasRecords());

		Map<String, Long> copies = copiesById();
		assertThat(deliveryIds).allSatisfy((id) -> assertThat(copies).as(id).containsEntry(id, 1L));
	}

	private String post(String ticket, int sequence) {
		byte[] body = ("{\"event\":\"ticket_updated\",\"details\":{\"ticket\":{\"number\":\"" + ticket
				+ "\"}},\"sequence\":" + sequence + "}")
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = new WebhookClient(this.port).post(body,
				new WebhookSigner(PetziSamples.SECRET).header(PetziSamples.SIGNED_AT, body));
		assertThat(response.statusCode()).as("delivery %s %d", ticket, sequence).isEqualTo(200);
		posted.incrementAndGet();
		return WebhookClient.json(response).path("deliveryId").asString();
	}

	private Map<String, Long> copiesById() {
		List<ConsumerRecord<String, byte[]>> records = RawTopicRecords.awaitAll(this.broker.getBrokersAsString(),
				posted.get(), DRAIN_TIMEOUT);
		return records.stream()
			.map((record) -> RawTopicRecords.header(record, PetziHeaders.DELIVERY_ID).orElseThrow())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

}
