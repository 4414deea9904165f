package ch.petziwebhook.dashboard.health;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Health of a dashboard whose bootstrap address has no broker: Kafka shows as
 * {@code UNKNOWN}, and the dashboard stays healthy, alive and ready because its pages
 * need only PostgreSQL.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=127.0.0.1:1",
		"spring.kafka.producer.properties.max.block.ms=1000" })
@AutoConfigureMockMvc
class BrokerOutageProbesTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mockMvc;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void healthStaysUp() throws Exception {
		MvcResult result = this.mockMvc.perform(get("/actuator/health")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void healthShowsKafkaUnknown() throws Exception {
		JsonNode components = adminView("/actuator/health").path("components");

		assertThat(components.path("kafka").path("status").asString()).isEqualTo("UNKNOWN");
	}

	@Test
	void readinessStaysUp() throws Exception {
		MvcResult result = this.mockMvc.perform(get("/actuator/health/readiness")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void readinessIncludesDatabaseOnly() throws Exception {
		JsonNode components = adminView("/actuator/health/readiness").path("components");

		assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
		assertThat(components.has("kafka")).isFalse();
	}

	@Test
	void livenessStaysUp() throws Exception {
		MvcResult result = this.mockMvc.perform(get("/actuator/health/liveness")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void anonymousSeesNoComponents() throws Exception {
		MvcResult result = this.mockMvc.perform(get("/actuator/health")).andReturn();

		assertThat(JSON.readTree(result.getResponse().getContentAsString()).has("components")).isFalse();
	}

	private JsonNode adminView(String path) throws Exception {
		MvcResult result = this.mockMvc
			.perform(get(path).with(httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD)))
			.andReturn();
		return JSON.readTree(result.getResponse().getContentAsString());
	}

}
