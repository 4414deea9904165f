package ch.petziwebhook.projector.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes of a projector whose bootstrap address has no broker: not ready, but alive, so
 * an orchestrator stops routing to it without restarting it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.admin.operation-timeout=2s", "spring.kafka.admin.close-timeout=1s" })
class BrokerOutageProbesTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		int brokerPort = closedPort();
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + brokerPort);
	}

	@Test
	void readinessIsDown() throws Exception {
		HttpResponse<String> response = get("/actuator/health/readiness");

		assertThat(response.statusCode()).isEqualTo(503);
	}

	@Test
	void readinessNamesKafka() throws Exception {
		HttpResponse<String> response = get("/actuator/health/readiness");

		JsonNode kafka = JSON.readTree(response.body()).path("components").path("kafka");
		assertThat(kafka.path("status").asString()).isEqualTo("DOWN");
	}

	@Test
	void livenessStaysUp() throws Exception {
		HttpResponse<String> response = get("/actuator/health/liveness");

		assertThat(response.statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
