package ch.petziwebhook.dashboard.catalog;

import java.time.LocalDate;
import java.time.LocalTime;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of {@code /api/buyers}, {@code /api/locations} and {@code /api/sessions}.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CatalogApiTests {

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
	void buyersIncludeEmailAndTicket() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();

		ResultActions result = getJson("/api/buyers");

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.content[0].ticketNumber").value("FEST-0001"));
		result.andExpect(jsonPath("$.content[0].firstName").value("Zoë"));
		result.andExpect(jsonPath("$.content[0].lastName").value("Müller"));
		result.andExpect(jsonPath("$.content[0].email").value("zoe@example.com"));
		result.andExpect(jsonPath("$.content[0].postcode").value("3012"));
		result.andExpect(jsonPath("$.totalElements").value(1));
	}

	@Test
	void buyersSkipTicketsWithoutBuyer() throws Exception {
		this.fixtures.aBareTicket("BARE-1");

		ResultActions result = getJson("/api/buyers");

		result.andExpect(jsonPath("$.totalElements").value(0));
	}

	@Test
	void buyersOrderedByTicketNumber() throws Exception {
		long event = this.fixtures.anEvent(1L, "E", "P");
		for (String number : new String[] { "C-3", "A-1", "B-2" }) {
			this.fixtures.aTicket(ReadModelFixtures.TicketRow.aValidTicket(number, event,
					java.time.OffsetDateTime.parse("2025-01-01T10:00:00Z")));
		}

		ResultActions result = getJson("/api/buyers?size=2&page=1");

		result.andExpect(jsonPath("$.content.length()").value(1));
		result.andExpect(jsonPath("$.content[0].ticketNumber").value("C-3"));
		result.andExpect(jsonPath("$.totalPages").value(2));
	}

	@Test
	void buyerPagesFollowNumberOrderToEnd() throws Exception {
		long event = this.fixtures.anEvent(1L, "E", "P");
		for (String number : new String[] { "G-7", "C-3", "A-1", "E-5", "B-2", "F-6", "D-4" }) {
			this.fixtures.aTicket(ReadModelFixtures.TicketRow.aValidTicket(number, event,
					java.time.OffsetDateTime.parse("2025-01-01T10:00:00Z")));
		}

		ResultActions second = getJson("/api/buyers?size=2&page=1");
		ResultActions third = getJson("/api/buyers?size=2&page=2");
		ResultActions last = getJson("/api/buyers?size=2&page=3");

		second.andExpect(jsonPath("$.content[*].ticketNumber").value(contains("C-3", "D-4")));
		third.andExpect(jsonPath("$.content[*].ticketNumber").value(contains("E-5", "F-6")));
		last.andExpect(jsonPath("$.content[*].ticketNumber").value(contains("G-7")));
	}

	@Test
	void buyerPageBeyondLastIsEmpty() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();

		ResultActions result = getJson("/api/buyers?page=5");

		result.andExpect(jsonPath("$.content.length()").value(0));
		result.andExpect(jsonPath("$.totalElements").value(1));
	}

	@Test
	void locationsArePaged() throws Exception {
		this.fixtures.aLocation("Bierhübeli", "Neubrückstrasse 43", "Bern", "3012");
		this.fixtures.aLocation("Dachstock", "Neubrückstrasse 8", "Bern", "3012");

		ResultActions result = getJson("/api/locations?size=1");

		result.andExpect(jsonPath("$.content.length()").value(1));
		result.andExpect(jsonPath("$.content[0].name").value("Bierhübeli"));
		result.andExpect(jsonPath("$.content[0].street").value("Neubrückstrasse 43"));
		result.andExpect(jsonPath("$.totalElements").value(2));
	}

	@Test
	void sessionsShowTimesAndEvent() throws Exception {
		long event = this.fixtures.anEvent(7L, "Konzert", "P");
		long location = this.fixtures.aLocation("Bierhübeli", "Neubrückstrasse 43", "Bern", "3012");
		this.fixtures.aSession(event, location, "Abend", LocalDate.of(2025, 5, 1), LocalTime.of(20, 0),
				LocalTime.of(19, 0));

		ResultActions result = getJson("/api/sessions");

		result.andExpect(jsonPath("$.content[0].eventId").value(event));
		result.andExpect(jsonPath("$.content[0].locationId").value(location));
		result.andExpect(jsonPath("$.content[0].date").value("2025-05-01"));
		result.andExpect(jsonPath("$.content[0].time").value("20:00:00"));
		result.andExpect(jsonPath("$.content[0].doors").value("19:00:00"));
	}

	@ParameterizedTest
	@CsvSource({ "/api/buyers, page, -1", "/api/buyers, size, 100000", "/api/locations, page, 1 OR 1=1",
			"/api/sessions, size, 0", "/api/sessions, page, '; DROP TABLE read_model.tickets; --'" })
	void badParameterIsBadRequest(String path, String parameter, String value) throws Exception {
		ResultActions result = this.mockMvc.perform(get(path).param(parameter, value).with(user("viewer")));

		result.andExpect(status().isBadRequest());
		result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		result.andExpect(jsonPath("$.detail").value(containsString("'" + parameter + "'")));
	}

	private ResultActions getJson(String path) throws Exception {
		return this.mockMvc.perform(get(path).with(user("viewer")));
	}

}
