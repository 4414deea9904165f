package ch.petziwebhook.dashboard.health;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Probes of a dashboard whose database rejects new connections and closes the open ones:
 * not ready, because its pages need PostgreSQL, but alive, so an orchestrator does not
 * restart it.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=127.0.0.1:1",
		"spring.datasource.hikari.connection-timeout=2000" })
@AutoConfigureMockMvc
class DatabaseOutageProbesTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	@Autowired
	private MockMvc mockMvc;

	private Connection outage;

	private String databaseName;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
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
		MvcResult result = this.mockMvc.perform(get("/actuator/health/readiness")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
	}

	@Test
	void livenessStaysUp() throws Exception {
		MvcResult result = this.mockMvc.perform(get("/actuator/health/liveness")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
	}

}
