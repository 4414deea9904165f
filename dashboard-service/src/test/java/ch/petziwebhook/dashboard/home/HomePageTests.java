package ch.petziwebhook.dashboard.home;

import java.time.OffsetDateTime;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.dashboard.ReadModelFixtures.TicketRow;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Tests of the home page and of its CSV export picker.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HomePageTests {

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

	@Test
	void listsEventsWithValidTickets() throws Exception {
		long event = this.fixtures.anEvent(42L, "Jazz Night 🎷", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("V-1", event, OffsetDateTime.parse("2025-01-01T10:00:00Z")));
		this.fixtures.aTicket(TicketRow.aValidTicket("V-2", event, OffsetDateTime.parse("2025-01-01T10:00:00Z")));
		this.fixtures.aTicket(
				TicketRow.aValidTicket("X-1", event, OffsetDateTime.parse("2025-01-01T10:00:00Z")).cancelled("stolen"));

		ResultActions result = home();

		result.andExpect(status().isOk());
		result.andExpect(view().name(HomeController.VIEW_HOME));
		result.andExpect(content().string(containsString("Jazz Night 🎷")));
		result.andExpect(content().string(containsString("<td class=\"text-end\">2</td>")));
	}

	@Test
	void pickerOffersEveryEvent() throws Exception {
		long first = this.fixtures.anEvent(1L, "Apéro", "P");
		long second = this.fixtures.anEvent(2L, "Zirkus", "P");

		ResultActions result = home();

		result.andExpect(content().string(containsString("<option value=\"" + first + "\">Apéro</option>")));
		result.andExpect(content().string(containsString("<option value=\"" + second + "\">Zirkus</option>")));
		result.andExpect(content().string(containsString("action=\"/dashboard/export\"")));
	}

	@Test
	void emptyReadModelShowsEmptyState() throws Exception {
		ResultActions result = home();

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("id=\"no-events\"")));
		result.andExpect(content().string(not(containsString("id=\"export-form\""))));
	}

	@Test
	void exportRedirectsToEventCsv() throws Exception {
		long event = this.fixtures.anEvent(1L, "Apéro", "P");

		ResultActions result = this.mockMvc.perform(get("/dashboard/export").param("event", Long.toString(event))
			.param("delimiter", "semicolon")
			.with(user("viewer")));

		result.andExpect(redirectedUrl("/api/events/" + event + "/tickets.csv?delimiter=semicolon"));
	}

	@Test
	void exportOfUnknownEventIsNotFound() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/dashboard/export?event=999999").with(user("viewer")));

		result.andExpect(status().isNotFound());
	}

	@Test
	void exportWithBadDelimiterIsBadRequest() throws Exception {
		long event = this.fixtures.anEvent(1L, "Apéro", "P");

		ResultActions result = this.mockMvc.perform(get("/dashboard/export").param("event", Long.toString(event))
			.param("delimiter", "tab")
			.with(user("viewer")));

		result.andExpect(status().isBadRequest());
	}

	private ResultActions home() throws Exception {
		return this.mockMvc.perform(get("/dashboard/home").with(user("viewer")));
	}

}
