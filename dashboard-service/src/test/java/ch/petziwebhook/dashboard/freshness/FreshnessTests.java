package ch.petziwebhook.dashboard.freshness;

import java.time.OffsetDateTime;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * Tests of the freshness line on every page, with the consumer lag turned off as in most
 * tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FreshnessTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	private ReadModelFixtures fixtures;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void deleteReadModel() {
		this.fixtures = new ReadModelFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/dashboard/home", "/dashboard/tickets", "/dashboard/events", "/auth/settings" })
	void pageShowsLastDeliveryInZurichTime(String path) throws Exception {
		// 2025-07-01 is summer time: UTC+2.
		this.fixtures.aDelivery("T-1", OffsetDateTime.parse("2025-07-01T08:00:00Z"));
		this.fixtures.aDelivery("T-2", OffsetDateTime.parse("2025-07-01T21:30:05Z"));

		ResultActions result = this.mockMvc.perform(get(path).with(user("viewer")));

		result.andExpect(content().string(containsString("Last delivery: 01.07.2025 23:30:05 (Zurich time)")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/dashboard/home", "/dashboard/tickets", "/dashboard/events" })
	void pageShowsNoDeliveryYet(String path) throws Exception {
		ResultActions result = this.mockMvc.perform(get(path).with(user("viewer")));

		result.andExpect(content().string(containsString("No delivery received yet")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/dashboard/home", "/dashboard/tickets" })
	void lagWithoutKafkaIsUnknown(String path) throws Exception {
		ResultActions result = this.mockMvc.perform(get(path).with(user("viewer")));

		result.andExpect(content().string(containsString("id=\"projector-unknown\"")));
	}

}
