package ch.petziwebhook.ingest;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour when no Kafka broker listens at the bootstrap address.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "petzi.webhook.secrets=" + PetziSamples.SECRET, "petzi.webhook.publish-timeout=4s" })
class KafkaUnavailableTests {

	private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(4);

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

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
	void answers503WithinPublishTimeout() {
		long start = System.nanoTime();
		HttpResponse<String> response = this.client.postSample(PetziSamples.SINGLE_SESSION);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(elapsed).isLessThan(PUBLISH_TIMEOUT);
	}

	@Test
	void problemAsksForRetry() {
		HttpResponse<String> response = this.client.postSample(PetziSamples.FESTIVAL);

		JsonNode problem = WebhookClient.json(response);
		assertThat(problem.path("type").asString()).isEqualTo("urn:petzi-webhook:problem:not-durable");
		assertThat(problem.path("detail").asString()).contains("could not be made durable, retry");
		assertThat(problem.path("deliveryId").asString()).isNotBlank();
	}

	@Test
	void healthIsUpWithoutBroker() {
		HttpResponse<String> response = this.client.send(this.client.request("/actuator/health").GET().build());

		assertThat(response.statusCode()).isEqualTo(200);
	}

}
