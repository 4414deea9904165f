package ch.petziwebhook.ingest;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ch.petziwebhook.ingest.spool.Spool;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A spool that one run of the service left behind, drained by the next run: whole records
 * are published, a torn last record is reported and never published.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpoolRestartTests {

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

	private static EmbeddedKafkaKraftBroker broker;

	@TempDir
	Path spoolDirectory;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, PetziTopics.RAW);
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void nextRunDrainsLeftSpool() {
		List<String> deliveryIds = acceptWithoutBroker(5);

		try (ConfigurableApplicationContext context = start(broker.getBrokersAsString())) {
			for (String deliveryId : deliveryIds) {
				RawTopicRecords.find(broker, deliveryId);
			}
			Spool spool = context.getBean(Spool.class);
			await().atMost(DRAIN_TIMEOUT).until(() -> !spool.hasRecords());
		}
	}

	@Test
	void reportsTornTailAndDrainsRest(CapturedOutput output) throws IOException {
		List<String> deliveryIds = acceptWithoutBroker(3);
		appendToLastSegment("{\"half of a frame".getBytes(StandardCharsets.UTF_8));

		try (ConfigurableApplicationContext context = start(broker.getBrokersAsString())) {
			for (String deliveryId : deliveryIds) {
				RawTopicRecords.find(broker, deliveryId);
			}
			Spool spool = context.getBean(Spool.class);
			await().atMost(DRAIN_TIMEOUT).until(() -> !spool.hasRecords());
			WebhookClient client = new WebhookClient(port(context));
			String metrics = client.send(client.request("/actuator/prometheus").GET().build()).body();

			assertThat(spool.tornRecords()).isEqualTo(1);
			assertThat(metrics).contains("petzi_ingest_spool_torn_records_total 1.0");
			assertThat(output.getAll()).contains("Found a torn record in spool segment");
		}
	}

	private List<String> acceptWithoutBroker(int count) {
		List<String> deliveryIds = new ArrayList<>();
		try (ConfigurableApplicationContext context = start("127.0.0.1:" + ClosedPort.find())) {
			WebhookClient client = new WebhookClient(port(context));
			for (int i = 0; i < count; i++) {
				byte[] body = PetziSamples.body(PetziSamples.ALL.get(i));
				HttpResponse<String> response = client.post(body,
						new WebhookSigner(PetziSamples.SECRET).header(Instant.now().getEpochSecond(), body));
				assertThat(response.statusCode()).isEqualTo(200);
				deliveryIds.add(WebhookClient.json(response).path("deliveryId").asString());
			}
			assertThat(context.getBean(Spool.class).depth()).isEqualTo(count);
		}
		return deliveryIds;
	}

	private ConfigurableApplicationContext start(String bootstrapServers) {
		return new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + bootstrapServers,
				"--petzi.webhook.secrets=" + PetziSamples.SECRET, "--petzi.webhook.publish-timeout=2s",
				"--petzi.spool.directory=" + this.spoolDirectory);
	}

	private void appendToLastSegment(byte[] bytes) throws IOException {
		try (Stream<Path> files = Files.list(this.spoolDirectory)) {
			Path last = files.filter((file) -> file.toString().endsWith(".spool"))
				.sorted()
				.reduce((a, b) -> b)
				.orElseThrow();
			Files.write(last, bytes, StandardOpenOption.APPEND);
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
