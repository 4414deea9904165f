package ch.petziwebhook.ingest;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw topic as ingest creates it on a broker that does not have it yet.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "petzi.webhook.secrets=" + PetziSamples.SECRET)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class RawTopicTests {

	private static final int MAX_BODY_SIZE = 1024 * 1024;

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	@Test
	void keepsRecordsForever() throws Exception {
		assertThat(topicConfig().get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
	}

	@Test
	void acceptsBodyAtSizeLimit() {
		byte[] body = new byte[MAX_BODY_SIZE];
		Arrays.fill(body, (byte) ' ');
		byte[] json = "{\"event\":\"padding\"}".getBytes(StandardCharsets.UTF_8);
		System.arraycopy(json, 0, body, 0, json.length);

		HttpResponse<String> response = new WebhookClient(this.port).post(body,
				new WebhookSigner(PetziSamples.SECRET).header(PetziSamples.SIGNED_AT, body));

		assertThat(response.statusCode()).isEqualTo(200);
		String deliveryId = WebhookClient.json(response).path("deliveryId").asString();
		assertThat(RawTopicRecords.find(this.broker, deliveryId).value()).isEqualTo(body);
	}

	private Config topicConfig() throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, PetziTopics.RAW);
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			return admin.describeConfigs(List.of(topic)).all().get().get(topic);
		}
	}

}
