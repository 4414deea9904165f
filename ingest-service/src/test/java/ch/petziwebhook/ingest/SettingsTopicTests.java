package ch.petziwebhook.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.ingest.spool.Spool;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSecret;
import ch.petziwebhook.model.WebhookSecretsSetting;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

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
 * Webhook secrets published on {@code petzi.settings}, as the dashboard's settings page
 * does, take effect without a restart and replace the property secrets.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "petzi.webhook.secrets=" + SettingsTopicTests.PROPERTY_SECRET)
@EmbeddedKafka(topics = { PetziTopics.RAW, PetziTopics.SETTINGS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SettingsTopicTests {

	static final String PROPERTY_SECRET = "property-secret";

	private static final String ROTATED_SECRET = "rotated-secret";

	private static final Instant NOW = Instant.ofEpochSecond(PetziSamples.SIGNED_AT);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	Spool spool;

	private WebhookClient client;

	static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	@BeforeEach
	void createClient() {
		this.client = new WebhookClient(this.port);
	}

	@Test
	void rotatesSecretsWithoutRestart() {
		assertThat(statusSignedWith(PROPERTY_SECRET)).isEqualTo(200);

		publish(new WebhookSecret("current", PetziSamples.SECRET, null));
		await().atMost(WAIT).until(() -> statusSignedWith(PetziSamples.SECRET) == 200);
		assertThat(statusSignedWith(PROPERTY_SECRET)).isEqualTo(401);

		publish(new WebhookSecret("current", ROTATED_SECRET, null),
				new WebhookSecret("previous", PetziSamples.SECRET, NOW.plusSeconds(3600)));
		await().atMost(WAIT).until(() -> statusSignedWith(ROTATED_SECRET) == 200);
		assertThat(statusSignedWith(PetziSamples.SECRET)).isEqualTo(200);

		publish(new WebhookSecret("current", ROTATED_SECRET, null),
				new WebhookSecret("previous", PetziSamples.SECRET, NOW.minusSeconds(1)));
		await().atMost(WAIT).until(() -> statusSignedWith(PetziSamples.SECRET) == 401);
		assertThat(statusSignedWith(ROTATED_SECRET)).isEqualTo(200);
	}

	@Test
	void keepsDiskCopyOfTopicSecrets() throws Exception {
		publish(new WebhookSecret("current", PetziSamples.SECRET, null));
		Path diskCopy = this.spool.directory().resolve("webhook-secrets.json");

		await().atMost(WAIT).until(() -> Files.isRegularFile(diskCopy));

		assertThat(Files.readString(diskCopy)).contains("\"slot\":\"current\"");
		assertThat(this.spool.directory().toFile().list()).noneMatch((name) -> name.contains(PetziSamples.SECRET));
	}

	private int statusSignedWith(String secret) {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		return this.client.post(body, new WebhookSigner(secret).header(PetziSamples.SIGNED_AT, body)).statusCode();
	}

	private void publish(WebhookSecret... secrets) {
		String value = JSON.writeValueAsString(new WebhookSecretsSetting(List.of(secrets)));
		Map<String, Object> properties = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.broker.getBrokersAsString());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(PetziTopics.SETTINGS, WebhookSecretsSetting.KEY, value));
		}
	}

}
