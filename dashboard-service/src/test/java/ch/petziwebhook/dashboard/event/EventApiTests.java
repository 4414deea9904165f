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

import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of {@code /api/events} against a real read model.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EventApiTests {

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
	void deleteReadModel() {
		this.fixtures = new ReadModelFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
	}

	@Test
	void countsValidAndCancelledTickets() throws Exception {
		long event = this.fixtures.anEvent(61234L, "Jazz Night 🎷", "Bee-Flat");
		this.fixtures.aTicket(TicketRow.aValidTicket("V-1", event, SOLD_AT));
		this.fixtures.aTicket(TicketRow.aValidTicket("V-2", event, SOLD_AT));
		this.fixtures.aTicket(TicketRow.aValidTicket("X-1", event, SOLD_AT).cancelled("order_mistake"));

		ResultActions result = this.mockMvc.perform(get("/api/events").with(user("viewer")));

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.length()").value(1));
		result.andExpect(jsonPath("$[0].id").value(event));
		result.andExpect(jsonPath("$[0].eventId").value(61234));
		result.andExpect(jsonPath("$[0].name").value("Jazz Night 🎷"));
		result.andExpect(jsonPath("$[0].promoter").value("Bee-Flat"));
		result.andExpect(jsonPath("$[0].validTickets").value(2));
		result.andExpect(jsonPath("$[0].cancelledTickets").value(1));
	}

	@Test
	void ordersEventsByName() throws Exception {
		this.fixtures.anEvent(3L, "Zirkus", "P");
		this.fixtures.anEvent(1L, "Apéro", "P");
		this.fixtures.anEvent(2L, "Konzert", "P");

		ResultActions result = this.mockMvc.perform(get("/api/events").with(user("viewer")));

		result.andExpect(jsonPath("$[0].name").value("Apéro"));
		result.andExpect(jsonPath("$[1].name").value("Konzert"));
		result.andExpect(jsonPath("$[2].name").value("Zirkus"));
	}

	@Test
	void eventWithoutTicketsCountsZero() throws Exception {
		this.fixtures.anEvent(null, "Ohne Petzi-ID", "P");

		ResultActions result = this.mockMvc.perform(get("/api/events").with(user("viewer")));

		result.andExpect(jsonPath("$[0].eventId").value(nullValue()));
		result.andExpect(jsonPath("$[0].validTickets").value(0));
		result.andExpect(jsonPath("$[0].cancelledTickets").value(0));
	}

	@Test
	void countsOnlyTicketsOfEachEvent() throws Exception {
		long first = this.fixtures.anEvent(1L, "A", "P");
		long second = this.fixtures.anEvent(2L, "B", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("A-1", first, SOLD_AT));
		this.fixtures.aTicket(TicketRow.aValidTicket("B-1", second, SOLD_AT).cancelled("stolen"));

		ResultActions result = this.mockMvc.perform(get("/api/events").with(user("viewer")));

		result.andExpect(jsonPath("$[0].validTickets").value(1));
		result.andExpect(jsonPath("$[0].cancelledTickets").value(0));
		result.andExpect(jsonPath("$[1].validTickets").value(0));
		result.andExpect(jsonPath("$[1].cancelledTickets").value(1));
	}

}
