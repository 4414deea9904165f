package ch.petziwebhook.dashboard.secret;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

/**
 * Tests of a secret change while no Kafka broker is reachable, which must change nothing.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=127.0.0.1:1",
		"spring.kafka.producer.properties.max.block.ms=1000" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SecretsWithoutKafkaTests {

	private static final String SECRET = "a-secret-that-kafka-never-sees";

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void unpublishedRotationIsRolledBack(CapturedOutput output) throws Exception {
		ResultActions result = this.mockMvc.perform(post("/dashboard/settings/secrets/rotate")
			.with(httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD))
			.with(csrf())
			.param("secret", SECRET)
			.param("keepOldForHours", "24"));

		result.andExpect(flash().attribute("errorKey", "secrets.notPublished"));
		assertThat(this.jdbcClient.sql("SELECT count(*) FROM dashboard.webhook_secrets").query(Long.class).single())
			.isZero();
		assertThat(output.getAll()).contains("Failed to publish the webhook secrets");
		assertThat(output.getAll()).doesNotContain(SECRET);
	}

}
