package ch.petziwebhook.projector.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes of a projector whose database rejects new connections and closes the open ones
 * while the broker runs: not ready, with {@code db} named as the cause, but alive.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.hikari.connection-timeout=2000")
@EmbeddedKafka(topics = PetziTopics.RAW, partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class DatabaseOutageProbesTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	private Connection outage;

	private String databaseName;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@BeforeEach
	void cutDatabase() throws SQLException {
		// A database cannot close its own doors, so the outage is run from the server's
		// postgres database, with the same user as the application.
		String name = database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1);
		String serverUrl = database.jdbcUrl().substring(0, database.jdbcUrl().lastIndexOf('/')) + "/postgres";
		this.outage = DriverManager.getConnection(serverUrl, database.username(), database.password());
		try (Statement statement = this.outage.createStatement()) {
			statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
		}
		this.databaseName = name;
	}

	@AfterEach
	void restoreDatabase() throws SQLException {
		try (Statement statement = this.outage.createStatement()) {
			statement.execute("ALTER DATABASE " + this.databaseName + " ALLOW_CONNECTIONS true");
		}
		this.outage.close();
	}

	@Test
	void readinessIsDown() throws Exception {
		HttpResponse<String> response = get("/actuator/health/readiness");

		assertThat(response.statusCode()).isEqualTo(503);
	}

	@Test
	void readinessNamesDatabase() throws Exception {
		JsonNode components = JSON.readTree(get("/actuator/health/readiness").body()).path("components");

		assertThat(components.path("db").path("status").asString()).isEqualTo("DOWN");
		assertThat(components.path("kafka").path("status").asString()).isEqualTo("UP");
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

}
