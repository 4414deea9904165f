package ch.petziwebhook.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start while Kafka is down, without property secrets: the secrets saved from the
 * settings topic by an earlier run verify deliveries.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "petzi.webhook.publish-timeout=2s")
class SecretsDiskCopyTests {

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	@DynamicPropertySource
	static void deadBrokerAndSavedSecrets(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + ClosedPort.find());
		registry.add("petzi.spool.directory", SecretsDiskCopyTests::spoolWithSavedSecrets);
	}

	private static String spoolWithSavedSecrets() {
		try {
			Path directory = Files.createTempDirectory("ingest-spool-secrets");
			Files.writeString(directory.resolve("webhook-secrets.json"),
					"{\"secrets\":[{\"slot\":\"current\",\"secret\":\"" + PetziSamples.SECRET + "\"}]}");
			return directory.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void acceptsWithSavedSecret() {
		HttpResponse<String> response = new WebhookClient(this.port).postSample(PetziSamples.SINGLE_SESSION);

		assertThat(response.statusCode()).isEqualTo(200);
	}

}
