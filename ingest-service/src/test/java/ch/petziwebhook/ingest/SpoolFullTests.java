package ch.petziwebhook.ingest;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import ch.petziwebhook.ingest.spool.Spool;
import ch.petziwebhook.model.test.PetziSamples;
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
 * Behaviour when Kafka is down and the spool reaches its size limit: 503, never a 200 for
 * a delivery that was not kept.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "petzi.webhook.secrets=" + PetziSamples.SECRET, "petzi.webhook.publish-timeout=2s",
				"petzi.webhook.max-body-size=4KB", "petzi.spool.max-size=100KB" })
class SpoolFullTests {

	private static final int MAX_REQUESTS = 200;

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
	static void deadBroker(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + ClosedPort.find());
	}

	@Test
	void answers503OnceSpoolIsFull() {
		WebhookClient client = new WebhookClient(this.port);
		long depthBefore = this.spool.depth();
		int accepted = 0;
		HttpResponse<String> response = client.postSample(PetziSamples.FESTIVAL);
		while (response.statusCode() == 200 && accepted < MAX_REQUESTS) {
			accepted++;
			response = client.postSample(PetziSamples.FESTIVAL);
		}

		JsonNode problem = WebhookClient.json(response);
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(problem.path("type").asString()).isEqualTo("urn:petzi-webhook:problem:not-durable");
		assertThat(problem.path("detail").asString()).contains("is full");
		assertThat(this.spool.depth()).isEqualTo(depthBefore + accepted);
	}

	@Test
	void readinessDownWhenSpoolIsFull() {
		WebhookClient client = new WebhookClient(this.port);
		for (int i = 0; i < MAX_REQUESTS && client.postSample(PetziSamples.FESTIVAL).statusCode() == 200; i++) {
			// Fill the spool.
		}

		HttpResponse<String> readiness = client.send(client.request("/actuator/health/readiness").GET().build());

		assertThat(readiness.statusCode()).isEqualTo(503);
	}

}
