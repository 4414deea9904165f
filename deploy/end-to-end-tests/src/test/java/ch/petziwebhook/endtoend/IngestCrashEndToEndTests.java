package ch.petziwebhook.endtoend;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash of the ingest process between accepting deliveries and publishing them: ingest
 * runs from its executable jar while no broker is reachable, spools what it accepts, is
 * killed with SIGKILL, and publishes the spooled deliveries after a restart.
 */
class IngestCrashEndToEndTests {

	private static final String SECRET = "end-to-end-secret";

	private static final int DELIVERIES = 5;

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private final List<AutoCloseable> started = new ArrayList<>();

	@AfterEach
	void stopAll() throws Exception {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
	}

	@Test
	void drainsSpoolAfterKillAndRestart() throws Exception {
		Path spool = Path.of("target", "crash-spool-" + UUID.randomUUID()).toAbsolutePath();
		Map<String, String> withoutBroker = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort(),
				"PETZI_WEBHOOK_SECRETS", SECRET, "PETZI_SPOOL_DIRECTORY", spool.toString(),
				"PETZI_WEBHOOK_PUBLISH_TIMEOUT", "2s");
		ServiceProcess ingest = ServiceProcess.start("ingest-service", withoutBroker);
		this.started.add(ingest);
		ingest.awaitHealthy();

		Set<String> deliveryIds = new HashSet<>();
		for (int i = 0; i < DELIVERIES; i++) {
			HttpResponse<String> response = postSigned(ingest, PetziSamples.body(PetziSamples.ALL.get(i)));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			deliveryIds.add(json.readTree(response.body()).path("deliveryId").asString());
		}
		ingest.kill();
		Files.copy(ingest.log(), ingest.log().resolveSibling("ingest-service-killed.log"),
				StandardCopyOption.REPLACE_EXISTING);
		assertThat(segments(spool)).isNotEmpty();

		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, PetziTopics.RAW);
		broker.afterPropertiesSet();
		this.started.add(broker::destroy);
		ServiceProcess restarted = ServiceProcess.start("ingest-service",
				Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.getBrokersAsString(), "PETZI_WEBHOOK_SECRETS", SECRET,
						"PETZI_SPOOL_DIRECTORY", spool.toString()));
		this.started.add(restarted);
		restarted.awaitHealthy();

		assertThat(awaitDeliveryIds(broker, deliveryIds)).containsAll(deliveryIds);
	}

	private static HttpResponse<String> postSigned(ServiceProcess ingest, byte[] body)
			throws IOException, InterruptedException {
		String signature = new WebhookSigner(SECRET).header(Instant.now().getEpochSecond(), body);
		HttpRequest request = HttpRequest.newBuilder(ingest.uri("/webhook"))
			.header("Content-Type", "application/json")
			.header("Petzi-Signature", signature)
			.header("Petzi-Version", "2")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static Set<String> awaitDeliveryIds(EmbeddedKafkaKraftBroker broker, Set<String> expected) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		Set<String> found = new HashSet<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(PetziTopics.RAW));
			Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
			while (!found.containsAll(expected) && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					var header = record.headers().lastHeader(PetziHeaders.DELIVERY_ID);
					if (header != null) {
						found.add(new String(header.value(), StandardCharsets.UTF_8));
					}
				}
			}
		}
		return found;
	}

	private static List<Path> segments(Path spool) throws IOException {
		try (Stream<Path> files = Files.list(spool)) {
			return files.filter((file) -> file.toString().endsWith(".spool")).toList();
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
