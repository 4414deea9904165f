package ch.petziwebhook.dashboard.event;

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

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of {@code /api/events/{id}/sales}, whose days are Europe/Zurich days.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SalesApiTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	private ReadModelFixtures fixtures;

	private long event;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void seedEvent() {
		this.fixtures = new ReadModelFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
		this.event = this.fixtures.anEvent(1L, "Konzert", "P");
	}

	@Test
	void daysFollowZurichAcrossSpringForward() throws Exception {
		// 23:30 UTC is 00:30 of the next day in Zurich, before (CET) and after (CEST) the
		// change on 2025-03-30.
		sold("S-1", "2025-03-29T23:30:00Z");
		sold("S-2", "2025-03-30T22:30:00Z");

		ResultActions result = sales();

		result.andExpect(jsonPath("$.categories[0]").value("2025-03-30"));
		result.andExpect(jsonPath("$.categories[1]").value("2025-03-31"));
		result.andExpect(jsonPath("$.sales[0]").value(1));
		result.andExpect(jsonPath("$.sales[1]").value(1));
	}

	@Test
	void daysFollowZurichAcrossFallBack() throws Exception {
		// 2025-10-26 has 25 hours in Zurich: 22:59 UTC is still that day, 23:00 UTC the
		// next.
		sold("F-1", "2025-10-25T22:00:00Z");
		sold("F-2", "2025-10-26T22:59:00Z");
		sold("F-3", "2025-10-26T23:00:00Z");

		ResultActions result = sales();

		result.andExpect(jsonPath("$.categories.length()").value(2));
		result.andExpect(jsonPath("$.categories[0]").value("2025-10-26"));
		result.andExpect(jsonPath("$.sales[0]").value(2));
		result.andExpect(jsonPath("$.sales[1]").value(1));
	}

	@Test
	void gapsAreFilledWithZero() throws Exception {
		sold("G-1", "2025-05-01T10:00:00Z");
		sold("G-2", "2025-05-04T10:00:00Z");

		ResultActions result = sales();

		result.andExpect(jsonPath("$.categories.length()").value(4));
		result.andExpect(jsonPath("$.sales[1]").value(0));
		result.andExpect(jsonPath("$.cumulative[2]").value(1));
		result.andExpect(jsonPath("$.cumulative[3]").value(2));
	}

	@Test
	void cancelledTicketsAreNotSales() throws Exception {
		sold("C-1", "2025-05-01T10:00:00Z");
		this.fixtures.aTicket(TicketRow.aValidTicket("C-2", this.event, OffsetDateTime.parse("2025-05-01T11:00:00Z"))
			.cancelled("stolen"));

		ResultActions result = sales();

		result.andExpect(jsonPath("$.sales[0]").value(1));
	}

	@Test
	void eventWithoutSalesHasEmptySeries() throws Exception {
		ResultActions result = sales();

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.categories.length()").value(0));
	}

	@Test
	void unknownEventIsNotFound() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/events/{id}/sales", 987654).with(user("viewer")));

		result.andExpect(status().isNotFound());
	}

	@Test
	void textIdIsBadRequest() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/events/abc/sales").with(user("viewer")));

		result.andExpect(status().isBadRequest());
	}

	@Test
	void recentSalesCoverSevenZurichDays() throws Exception {
		java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Zurich"));
		this.fixtures.aTicket(TicketRow.aValidTicket("R-1", this.event, now.toOffsetDateTime()));
		this.fixtures.aTicket(TicketRow.aValidTicket("R-2", this.event, now.minusDays(7).toOffsetDateTime()));

		ResultActions result = this.mockMvc.perform(get("/api/sales?days=7").with(user("viewer")));

		result.andExpect(jsonPath("$.categories.length()").value(7));
		result.andExpect(jsonPath("$.categories[6]").value(now.toLocalDate().toString()));
		result.andExpect(jsonPath("$.sales[6]").value(1));
		result.andExpect(jsonPath("$.cumulative[6]").value(1));
	}

	@Test
	void recentSalesRejectHugeRange() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/sales?days=100000").with(user("viewer")));

		result.andExpect(status().isBadRequest());
	}

	private void sold(String number, String soldAt) {
		this.fixtures.aTicket(TicketRow.aValidTicket(number, this.event, OffsetDateTime.parse(soldAt)));
	}

	private ResultActions sales() throws Exception {
		return this.mockMvc.perform(get("/api/events/{id}/sales", this.event).with(user("viewer")));
	}

}
