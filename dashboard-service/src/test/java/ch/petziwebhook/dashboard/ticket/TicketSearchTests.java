package ch.petziwebhook.dashboard.ticket;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the search and the sales chart of the ticket page.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TicketSearchTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final OffsetDateTime SOLD_AT = OffsetDateTime.parse("2025-02-01T18:00:00Z");

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
	void seedTickets() {
		this.fixtures = new ReadModelFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
		this.fixtures.aFestivalTicketWithThreeSessions();
		long concert = this.fixtures.anEvent(2L, "Jazz Night", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("JAZZ-1", concert, SOLD_AT));
		this.fixtures.aTicket(new TicketRow("PCT-1", null, null, null, concert, "valid", "", null, SOLD_AT, null, null,
				"customer", "Percent", "100%", null, null));
	}

	@Test
	void findsByTicketNumber() throws Exception {
		ResultActions result = search("fest-0001");

		result.andExpect(content().string(containsString("FEST-0001")));
		result.andExpect(content().string(not(containsString("JAZZ-1"))));
	}

	@Test
	void findsByBuyerFullName() throws Exception {
		ResultActions result = search("zoë müller");

		result.andExpect(content().string(containsString("FEST-0001")));
		result.andExpect(content().string(not(containsString("JAZZ-1"))));
	}

	@Test
	void findsByBuyerLastNameFirst() throws Exception {
		ResultActions result = search("Müller Zoë");

		result.andExpect(content().string(containsString("FEST-0001")));
	}

	@Test
	void findsByEventName() throws Exception {
		ResultActions result = search("jazz night");

		result.andExpect(content().string(containsString("JAZZ-1")));
		result.andExpect(content().string(not(containsString("FEST-0001"))));
	}

	@Test
	void wildcardIsMatchedLiterally() throws Exception {
		ResultActions result = search("%");

		result.andExpect(content().string(containsString("PCT-1")));
		result.andExpect(content().string(not(containsString("JAZZ-1"))));
	}

	@Test
	void sqlTextIsJustText() throws Exception {
		ResultActions result = search("' OR 1=1 --");

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("id=\"no-matches\"")));
	}

	@Test
	void pageLinksKeepSearch() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/dashboard/tickets?q=a&size=1").with(user("viewer")));

		result.andExpect(content().string(containsString("href=\"/dashboard/tickets?page=1&amp;size=1&amp;q=a\"")));
	}

	@Test
	void manyMatchesShowCappedTotal() throws Exception {
		long concert = this.fixtures.anEvent(3L, "Big Jazz Night", "P");
		for (int i = 1; i <= TicketQueries.SEARCH_COUNT_LIMIT; i++) {
			this.fixtures.aTicket(TicketRow.aValidTicket("BIG-%04d".formatted(i), concert, SOLD_AT));
		}

		ResultActions result = search("jazz night");

		result.andExpect(content().string(containsString("More than 1,000 tickets match")));
	}

	@Test
	void fewMatchesShowExactTotal() throws Exception {
		ResultActions result = search("jazz night");

		result.andExpect(content().string(containsString("Tickets in total: 2")));
	}

	@Test
	void overlongSearchIsBadRequest() throws Exception {
		ResultActions result = search("x".repeat(101));

		result.andExpect(status().isBadRequest());
	}

	@Test
	void pageHasRecentSalesChart() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/dashboard/tickets").with(user("viewer")));

		result.andExpect(content().string(containsString("data-chart-url=\"/api/sales?days=7\"")));
		result.andExpect(content().string(containsString("src=\"/js/dashboard.js\"")));
	}

	private ResultActions search(String text) throws Exception {
		return this.mockMvc.perform(get("/dashboard/tickets").param("q", text).with(user("viewer")));
	}

}
