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
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Tests of the ticket list page rendered by Thymeleaf from a real read model.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TicketPageTests {

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
	void rendersTicketRow() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();

		ResultActions result = showTickets("");

		result.andExpect(status().isOk());
		result.andExpect(view().name(TicketController.VIEW_TICKET_LIST));
		result.andExpect(content().string(containsString("FEST-0001")));
		result.andExpect(content().string(containsString("Gurten Festival 🎸 2025")));
		result.andExpect(content().string(containsString("Festivalpass")));
		result.andExpect(content().string(containsString("52.50 CHF")));
		result.andExpect(content().string(containsString("Zoë Müller")));
		result.andExpect(content().string(containsString("18.07.2025")));
	}

	@Test
	void soldAtShownInZurichTime() throws Exception {
		long event = this.fixtures.anEvent(1L, "Silvester", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("NY-1", event, OffsetDateTime.parse("2024-12-31T23:30:00Z")));

		ResultActions result = showTickets("");

		result.andExpect(content().string(containsString("01.01.2025 00:30")));
	}

	@Test
	void cancelledTicketShowsBadge() throws Exception {
		long event = this.fixtures.anEvent(1L, "Konzert", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("C-1", event, OffsetDateTime.now()).cancelled("stolen"));

		ResultActions result = showTickets("");

		result.andExpect(content().string(containsString("bg-red-lt")));
	}

	@Test
	void hostileStringsAreEscaped() throws Exception {
		this.fixtures.aHostileTicket();

		ResultActions result = showTickets("");

		result.andExpect(content().string(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")));
		result.andExpect(content().string(not(containsString("<script>alert"))));
	}

	@Test
	void bareTicketRendersBlankCells() throws Exception {
		this.fixtures.aBareTicket("BARE-1");

		ResultActions result = showTickets("");

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("BARE-1")));
	}

	@Test
	void emptyReadModelShowsEmptyState() throws Exception {
		ResultActions result = showTickets("");

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("id=\"no-tickets\"")));
		result.andExpect(content().string(not(containsString("id=\"tickets\""))));
	}

	@Test
	void rowsHideEmptyState() throws Exception {
		this.fixtures.aBareTicket("BARE-1");

		ResultActions result = showTickets("");

		result.andExpect(content().string(not(containsString("id=\"no-tickets\""))));
	}

	@Test
	void pageLinksKeepPageSize() throws Exception {
		seedTickets(25);

		ResultActions result = showTickets("?page=1&size=10");

		result.andExpect(content().string(containsString("T-15")));
		result.andExpect(content().string(not(containsString("T-16"))));
		result.andExpect(content().string(containsString("href=\"/dashboard/tickets?page=2&amp;size=10\"")));
		result.andExpect(content().string(containsString("href=\"/dashboard/tickets?page=0&amp;size=10\"")));
	}

	@Test
	void pageSizeSelectorMarksCurrentSize() throws Exception {
		seedTickets(1);

		ResultActions result = showTickets("?size=50");

		result.andExpect(content().string(containsString("<option value=\"50\" selected=\"selected\">50</option>")));
	}

	@Test
	void badPageParameterIsBadRequest() throws Exception {
		ResultActions result = showTickets("?size=999");

		result.andExpect(status().isBadRequest());
	}

	@Test
	void layoutLoadsTablerFromWebjar() throws Exception {
		ResultActions result = showTickets("");

		result.andExpect(
				content().string(matchesPattern("(?s).*href=\"/webjars/tabler__core/[^\"]*/tabler\\.min\\.css\".*")));
	}

	private ResultActions showTickets(String query) throws Exception {
		return this.mockMvc.perform(get("/dashboard/tickets" + query).with(user("viewer")));
	}

	private void seedTickets(int count) {
		long event = this.fixtures.anEvent(1L, "Konzert", "Promoter");
		for (int i = 1; i <= count; i++) {
			OffsetDateTime soldAt = OffsetDateTime.parse("2025-01-01T10:00:00Z").plusMinutes(i);
			this.fixtures.aTicket(TicketRow.aValidTicket("T-%02d".formatted(i), event, soldAt));
		}
	}

}
