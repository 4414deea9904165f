package ch.petziwebhook.dashboard.event;

import java.math.BigDecimal;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the events page: the list with sales and the chosen event's details.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EventPageTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final OffsetDateTime SOLD_AT = OffsetDateTime.parse("2025-02-01T18:00:00Z");

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private EventQueries events;

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
	void listShowsSoldCancelledAndRevenue() throws Exception {
		long event = this.fixtures.anEvent(1L, "Konzert", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("V-1", event, SOLD_AT));
		this.fixtures.aTicket(TicketRow.aValidTicket("V-2", event, SOLD_AT));
		this.fixtures.aTicket(TicketRow.aValidTicket("X-1", event, SOLD_AT).cancelled("stolen"));

		ResultActions result = showEvents("");

		result.andExpect(status().isOk());
		result.andExpect(content().string(matchesPattern(
				"(?s).*Konzert</a>.*<td class=\"text-end\">2</td>\\s*<td class=\"text-end\">1</td>\\s*<td class=\"text-end text-nowrap\">50.00 CHF</td>.*")));
	}

	@Test
	void eventWithoutTicketsHasZeroSales() {
		this.fixtures.anEvent(1L, "Leer", "P");

		EventRow row = this.events.findPage(0, 20).content().get(0);

		assertThat(row.soldTickets()).isZero();
		assertThat(row.cancelledTickets()).isZero();
		assertThat(row.revenue()).isZero();
		assertThat(row.currency()).isNull();
	}

	@Test
	void pageCountsOnlyItsOwnEvents() {
		long apero = this.fixtures.anEvent(1L, "Apéro", "P");
		long zirkus = this.fixtures.anEvent(2L, "Zirkus", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("A-1", apero, SOLD_AT));
		this.fixtures.aTicket(TicketRow.aValidTicket("Z-1", zirkus, SOLD_AT));
		this.fixtures.aTicket(TicketRow.aValidTicket("Z-2", zirkus, SOLD_AT));

		EventRow row = this.events.findPage(1, 1).content().get(0);

		assertThat(row.name()).isEqualTo("Zirkus");
		assertThat(row.soldTickets()).isEqualTo(2);
		assertThat(row.revenue()).isEqualByComparingTo("50.00");
	}

	@Test
	void listIsPagedByName() throws Exception {
		this.fixtures.anEvent(1L, "Zirkus", "P");
		this.fixtures.anEvent(2L, "Apéro", "P");

		ResultActions result = showEvents("?size=1&page=1");

		result.andExpect(content().string(containsString("Zirkus")));
		result.andExpect(content().string(not(containsString("Apéro</a>"))));
	}

	@Test
	void chosenEventShowsChartAndSplits() throws Exception {
		long event = this.fixtures.anEvent(1L, "Konzert", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("V-1", event, SOLD_AT));
		this.fixtures.aTicket(new TicketRow("V-2", "self_ticket", "Eintritt", "Ermässigt", event, "valid", "", SOLD_AT,
				SOLD_AT, new BigDecimal("15.00"), "CHF", "customer", null, null, null, null));

		ResultActions result = showEvents("?event=" + event);

		result.andExpect(content().string(containsString("data-chart-url=\"/api/events/" + event + "/sales\"")));
		result.andExpect(content().string(containsString("data-chart-series=\"cumulative\"")));
		result.andExpect(content().string(containsString("id=\"split-category\"")));
		result.andExpect(content().string(containsString("Ermässigt")));
		result.andExpect(content().string(containsString("online_presale")));
		result.andExpect(content().string(containsString("self_ticket")));
	}

	@Test
	void unknownChosenEventIsNotFound() throws Exception {
		ResultActions result = showEvents("?event=987654");

		result.andExpect(status().isNotFound());
	}

	@Test
	void emptyReadModelShowsEmptyState() throws Exception {
		ResultActions result = showEvents("");

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("id=\"no-events\"")));
	}

	@Test
	void hostileEventNameIsEscaped() throws Exception {
		this.fixtures.aHostileTicket();

		ResultActions result = showEvents("");

		result.andExpect(content().string(not(containsString("<script>alert"))));
	}

	private ResultActions showEvents(String query) throws Exception {
		return this.mockMvc.perform(get("/dashboard/events" + query).with(user("viewer")));
	}

}
