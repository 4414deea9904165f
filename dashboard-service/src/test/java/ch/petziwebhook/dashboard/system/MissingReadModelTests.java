package ch.petziwebhook.dashboard.system;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the dashboard started before the projector has created the read model schema.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MissingReadModelTests {

	private static final TestDatabase database = DashboardTestDatabase.withoutReadModel();

	@Autowired
	private MockMvc mockMvc;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void ticketsAreEmptyPage() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/tickets").with(admin()));

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.content.length()").value(0));
		result.andExpect(jsonPath("$.totalElements").value(0));
		result.andExpect(jsonPath("$.totalPages").value(0));
	}

	@Test
	void eventsAreEmptyList() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/events").with(admin()));

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void flaskTicketsAreEmptyArray() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/tickets").with(admin()));

		result.andExpect(status().isOk());
		result.andExpect(content().json("[]"));
	}

	@Test
	void ticketIsNotFound() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/tickets/FEST-0001").with(admin()));

		result.andExpect(status().isNotFound());
	}

	@Test
	void pageShowsEmptyState() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/dashboard/tickets").with(admin()));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("id=\"no-tickets\"")));
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD);
	}

}
