package ch.petziwebhook.ingest;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import ch.petziwebhook.ingest.spool.Spool;
import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour when no Kafka broker listens at the bootstrap address: deliveries go to the
 * spool and get 200.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "petzi.webhook.secrets=" + PetziSamples.SECRET, "petzi.webhook.publish-timeout=4s" })
class KafkaUnavailableTests {

	private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(4);

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	@Autowired
	Spool spool;

	private WebhookClient client;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	@DynamicPropertySource
	static void deadBroker(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + ClosedPort.find());
	}

	@BeforeEach
	void createClient() {
		this.client = new WebhookClient(this.port);
	}

	@Test
	void spoolsWithinPublishTimeout() {
		long start = System.nanoTime();
		HttpResponse<String> response = this.client.postSample(PetziSamples.SINGLE_SESSION);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(elapsed).isLessThan(PUBLISH_TIMEOUT);
		assertThat(this.spool.depth()).isPositive();
	}

	@Test
	void receiptNamesDeliveryId() {
		HttpResponse<String> response = this.client.postSample(PetziSamples.FESTIVAL);

		JsonNode receipt = WebhookClient.json(response);
		assertThat(receipt.path("status").asString()).isEqualTo("accepted");
		assertThat(receipt.path("deliveryId").asString()).isNotBlank();
	}

	@Test
	void healthShowsSpoolDepthAndBroker() {
		this.client.postSample(PetziSamples.UNICODE);

		HttpResponse<String> response = this.client.send(this.client.request("/actuator/health").GET().build());

		JsonNode spoolHealth = WebhookClient.json(response).path("components").path("spool");
		assertThat(spoolHealth.path("status").asString()).isEqualTo("UP");
		assertThat(spoolHealth.path("details").path("depth").asLong()).isPositive();
		assertThat(spoolHealth.path("details").path("broker").asString()).isEqualTo("DOWN");
	}

	@Test
	void healthIsUpWithoutBroker() {
		HttpResponse<String> response = this.client.send(this.client.request("/actuator/health").GET().build());

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void livenessUpWithoutBroker() {
		HttpResponse<String> response = this.client
			.send(this.client.request("/actuator/health/liveness").GET().build());

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void readinessUpWhileSpoolHasRoom() {
		HttpResponse<String> response = this.client
			.send(this.client.request("/actuator/health/readiness").GET().build());

		assertThat(response.statusCode()).isEqualTo(200);
	}

}
