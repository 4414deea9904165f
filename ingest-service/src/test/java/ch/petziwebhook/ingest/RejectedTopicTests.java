package ch.petziwebhook.ingest;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of rejected request, its status and its record on
 * {@code petzi.webhooks.rejected}. Each request carries its own {@code User-Agent}, so
 * that the test finds its record.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "petzi.webhook.secrets=" + PetziSamples.SECRET, "petzi.rejections.per-second=1000" })
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.REJECTED },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class RejectedTopicTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] BODY = PetziSamples.body(PetziSamples.SINGLE_SESSION);

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	private WebhookClient client;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	@BeforeEach
	void createClient() {
		this.client = new WebhookClient(this.port);
	}

	@Test
	void missingSignatureIsRecorded() throws Exception {
		String agent = agent();

		HttpResponse<String> response = this.client.send(this.client.request("/webhook")
			.header("Content-Type", "application/json")
			.header("User-Agent", agent)
			.header(PetziHeaders.VERSION, "2")
			.POST(BodyPublishers.ofByteArray(BODY))
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode record = awaitRecord(agent);
		assertThat(record.path("reason").asString()).isEqualTo("missing_signature");
		assertThat(record.path("status").asInt()).isEqualTo(401);
		// Rejected before the body was read: the declared length, no hash.
		assertThat(record.path("bodyLength").asLong()).isEqualTo(BODY.length);
		assertThat(record.path("bodySha256").isNull()).isTrue();
		assertThat(record.path("petziVersion").asString()).isEqualTo("2");
		assertThat(record.path("remoteAddress").asString()).isEqualTo("127.0.0.1");
		assertThat(record.path("timestampSkewSeconds").isNull()).isTrue();
		assertThat(record.path("secretSlotsTried").size()).isZero();
	}

	@Test
	void signatureMismatchNamesTriedSlots() throws Exception {
		String agent = agent();
		byte[] changed = Arrays.copyOf(BODY, BODY.length);
		changed[10] ^= 1;

		HttpResponse<String> response = send(agent, changed, PetziSamples.signature(PetziSamples.SINGLE_SESSION));

		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode record = awaitRecord(agent);
		assertThat(record.path("reason").asString()).isEqualTo("signature_mismatch");
		assertThat(record.path("timestampSkewSeconds").asLong()).isZero();
		assertThat(record.path("secretSlotsTried").get(0).asString()).isEqualTo("config-1");
		assertThat(record.path("bodySha256").asString()).isEqualTo(sha256(changed));
	}

	@Test
	void malformedSignatureIsRecorded() throws Exception {
		String agent = agent();

		HttpResponse<String> response = send(agent, BODY, "t=yesterday,v1=abc");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(awaitRecord(agent).path("reason").asString()).isEqualTo("malformed_signature");
	}

	@Test
	void staleTimestampRecordsSkew() throws Exception {
		String agent = agent();

		HttpResponse<String> response = send(agent, BODY, sign(BODY, PetziSamples.SIGNED_AT - 301));

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode record = awaitRecord(agent);
		assertThat(record.path("reason").asString()).isEqualTo("timestamp_out_of_window");
		assertThat(record.path("timestampSkewSeconds").asLong()).isEqualTo(301);
	}

	@Test
	void futureTimestampRecordsNegativeSkew() throws Exception {
		String agent = agent();

		HttpResponse<String> response = send(agent, BODY, sign(BODY, PetziSamples.SIGNED_AT + 400));

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode record = awaitRecord(agent);
		assertThat(record.path("reason").asString()).isEqualTo("timestamp_out_of_window");
		assertThat(record.path("timestampSkewSeconds").asLong()).isEqualTo(-400);
	}

	@Test
	void oversizedBodyRecordsDeclaredLength() throws Exception {
		String agent = agent();
		byte[] body = new byte[1024 * 1024 + 1];
		Arrays.fill(body, (byte) 'a');

		HttpResponse<String> response = send(agent, body, sign(body, PetziSamples.SIGNED_AT));

		assertThat(response.statusCode()).isEqualTo(413);
		JsonNode record = awaitRecord(agent);
		assertThat(record.path("reason").asString()).isEqualTo("payload_too_large");
		assertThat(record.path("bodyLength").asLong()).isEqualTo(body.length);
		assertThat(record.path("bodySha256").isNull()).isTrue();
	}

	@Test
	void wrongContentTypeIsRecorded() throws Exception {
		String agent = agent();

		HttpResponse<String> response = this.client
			.send(petziRequest(agent, BODY, PetziSamples.signature(PetziSamples.SINGLE_SESSION))
				.setHeader("Content-Type", "text/plain")
				.build());

		assertThat(response.statusCode()).isEqualTo(415);
		JsonNode record = awaitRecord(agent);
		assertThat(record.path("reason").asString()).isEqualTo("unsupported_content_type");
		assertThat(record.path("status").asInt()).isEqualTo(415);
	}

	@Test
	void recordsHideBodySignatureAndSecret() throws Exception {
		String agent = agent();
		byte[] changed = Arrays.copyOf(BODY, BODY.length);
		changed[10] ^= 1;
		String signature = sign(changed, PetziSamples.SIGNED_AT + 1);
		String expectedMac = sign(BODY, PetziSamples.SIGNED_AT + 1).substring("t=1735732801,v1=".length());

		send(agent, BODY, signature);

		String record = awaitRecordText(agent);
		assertThat(record).doesNotContain(PetziSamples.SECRET);
		assertThat(record).doesNotContain(signature.substring(signature.indexOf("v1=") + 3));
		assertThat(record).doesNotContain(expectedMac);
		assertThat(record).doesNotContain("TEST8841KQ2ZAB");
	}

	@Test
	void prometheusCountsRejectionsByReason() {
		send(agent(), BODY, "t=yesterday,v1=abc");

		String metrics = this.client.send(this.client.request("/actuator/prometheus").GET().build()).body();

		assertThat(metrics).contains("petzi_ingest_deliveries_rejected_total{reason=\"malformed_signature\"}");
	}

	private HttpResponse<String> send(String agent, byte[] body, String signature) {
		return this.client.send(petziRequest(agent, body, signature).build());
	}

	private HttpRequest.Builder petziRequest(String agent, byte[] body, String signature) {
		return this.client.petziRequest("/webhook", body, signature).setHeader("User-Agent", agent);
	}

	private JsonNode awaitRecord(String agent) {
		return JSON.readTree(awaitRecordText(agent));
	}

	private String awaitRecordText(String agent) {
		Map<String, Object> properties = KafkaTestUtils.consumerProps(this.broker, "rejected-reader", false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(PetziTopics.REJECTED)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (agent.equals(JSON.readTree(record.value()).path("userAgent").asString())) {
						return record.value();
					}
				}
			}
		}
		throw new AssertionError("No record with user agent " + agent + " on " + PetziTopics.REJECTED);
	}

	private static String agent() {
		return "PETZI webhook test " + UUID.randomUUID();
	}

	private static String sign(byte[] body, long timestamp) {
		return new WebhookSigner(PetziSamples.SECRET).header(timestamp, body);
	}

	private static String sha256(byte[] body) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
	}

}
