package ch.petziwebhook.projector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running service: Actuator health, info and Prometheus metrics and nothing else over
 * HTTP, and the dead-letter topic it creates at start-up.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(topics = PetziTopics.RAW, partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class ProjectorApplicationTests {

	private static final TestDatabase database = TestDatabase.create();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private DataSource dataSource;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@Test
	void healthIsUp() throws Exception {
		HttpResponse<String> response = get("/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void prometheusCountsDeliveries() throws Exception {
		try (RawWebhookProducer producer = new RawWebhookProducer(this.broker)) {
			new ReadModelRows(this.dataSource).awaitDelivery(producer.send(PetziSamples.body(PetziSamples.UNICODE)));
		}

		// The listener counts a delivery after the ticket events of its commit were
		// acknowledged, which may be after its row became visible.
		String counter = "petzi_projector_deliveries_total{status=\"projected\"}";
		String body = await().atMost(ReadModelRows.TIMEOUT)
			.until(() -> get("/actuator/prometheus").body(), (metrics) -> metrics.contains(counter));

		assertThat(body).contains(counter);
	}

	@Test
	void infoIsExposed() throws Exception {
		HttpResponse<String> response = get("/actuator/info");

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void otherEndpointsAreHidden() throws Exception {
		HttpResponse<String> response = get("/actuator/env");

		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void deadLetterTopicIsKeptForever() throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, PetziTopics.DEAD_LETTER);
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);

			assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
