package ch.petziwebhook.dashboard.legacy;

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
 * Tests of the Flask application's data paths, which existing scripts call.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FlaskApiTests {

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
	void seedFestivalTicket() {
		this.fixtures = new ReadModelFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
		this.fixtures.aFestivalTicketWithThreeSessions();
	}

	@Test
	void buyersUseFlaskColumnNames() throws Exception {
		ResultActions result = getJson("/buyers");

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$[0].ticket_number").value("FEST-0001"));
		result.andExpect(jsonPath("$[0].role").value("customer"));
		result.andExpect(jsonPath("$[0].first_name").value("Zoë"));
		result.andExpect(jsonPath("$[0].last_name").value("Müller"));
		result.andExpect(jsonPath("$[0].postcode").value("3012"));
	}

	@Test
	void eventsCarryPetziEventId() throws Exception {
		ResultActions result = getJson("/events");

		result.andExpect(jsonPath("$[0].event_id").value(61234));
		result.andExpect(jsonPath("$[0].name").value("Gurten Festival 🎸 2025"));
	}

	@Test
	void ticketsKeepPriceAsString() throws Exception {
		ResultActions result = getJson("/tickets");

		result.andExpect(jsonPath("$[0].number").value("FEST-0001"));
		result.andExpect(jsonPath("$[0].price_amount").value("52.50"));
		result.andExpect(jsonPath("$[0].price_currency").value("CHF"));
		result.andExpect(jsonPath("$[0].event_id").value(61234));
		result.andExpect(jsonPath("$[0].generated_at").value("2025-03-01T09:15:30Z"));
	}

	@Test
	void ticketsListInSaleOrder() throws Exception {
		long event = this.fixtures.anEvent(2L, "Jazz Night", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("A-LATE", event, OffsetDateTime.parse("2025-04-01T10:00:00Z")));
		this.fixtures.aTicket(TicketRow.aValidTicket("Z-EARLY", event, OffsetDateTime.parse("2025-01-01T10:00:00Z")));

		ResultActions result = getJson("/tickets");

		result.andExpect(jsonPath("$[0].number").value("Z-EARLY"));
		result.andExpect(jsonPath("$[2].number").value("A-LATE"));
	}

	@Test
	void sessionsListOneRowPerTicketSession() throws Exception {
		ResultActions result = getJson("/sessions");

		result.andExpect(jsonPath("$.length()").value(3));
		result.andExpect(jsonPath("$[0].ticket_number").value("FEST-0001"));
		result.andExpect(jsonPath("$[0].name").value("Freitag"));
		result.andExpect(jsonPath("$[0].doors").value("13:30:00"));
		result.andExpect(jsonPath("$[2].name").value("Sonntag"));
	}

	@Test
	void locationsListVenues() throws Exception {
		ResultActions result = getJson("/locations");

		result.andExpect(jsonPath("$[0].name").value("Gurten Kulm"));
		result.andExpect(jsonPath("$[0].postcode").value("3084"));
	}

	@Test
	void chartCumulatesHourlyInZurichTime() throws Exception {
		long event = this.fixtures.anEvent(500L, "Konzert", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("H-1", event, OffsetDateTime.parse("2025-01-10T09:05:00Z")));
		this.fixtures.aTicket(TicketRow.aValidTicket("H-2", event, OffsetDateTime.parse("2025-01-10T09:55:00Z")));
		this.fixtures.aTicket(TicketRow.aValidTicket("H-3", event, OffsetDateTime.parse("2025-01-10T12:00:00Z")));

		ResultActions result = getJson("/chart/tickets/500");

		result.andExpect(jsonPath("$.categories[0]").value("10.01 10:00"));
		result.andExpect(jsonPath("$.categories[1]").value("10.01 13:00"));
		result.andExpect(jsonPath("$.sales[0]").value(2));
		result.andExpect(jsonPath("$.sales[1]").value(3));
	}

	@Test
	void chartOfUnknownEventIsNotFound() throws Exception {
		ResultActions result = getJson("/chart/tickets/999");

		result.andExpect(status().isNotFound());
	}

	@Test
	void chartWithTextIdIsBadRequest() throws Exception {
		ResultActions result = getJson("/chart/tickets/1 OR 1=1");

		result.andExpect(status().isBadRequest());
		result.andExpect(jsonPath("$.detail").value("Invalid parameter 'eventId': must be an integer"));
	}

	private ResultActions getJson(String path) throws Exception {
		return this.mockMvc.perform(get(path).with(user("viewer")));
	}

}
