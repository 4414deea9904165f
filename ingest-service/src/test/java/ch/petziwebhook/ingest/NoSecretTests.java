package ch.petziwebhook.ingest;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour when no webhook secret is configured: the service starts and fails closed.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NoSecretTests {

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	@DynamicPropertySource
	static void deadBroker(DynamicPropertyRegistry registry) {
		// Every request is rejected before publishing, so no broker is needed.
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + ClosedPort.find());
	}

	@Test
	void rejectsCorrectlySignedSample() {
		HttpResponse<String> response = new WebhookClient(this.port).postSample(PetziSamples.SINGLE_SESSION);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(WebhookClient.json(response).path("type").asString())
			.isEqualTo("urn:petzi-webhook:problem:no-secret-configured");
	}

	@Test
	void warnsAtStartup(CapturedOutput output) {
		assertThat(output.getAll()).contains("No webhook secret is configured");
	}

}
