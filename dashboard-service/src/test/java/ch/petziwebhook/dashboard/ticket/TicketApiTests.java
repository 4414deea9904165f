package ch.petziwebhook.dashboard.ticket;

import java.time.OffsetDateTime;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.dashboard.ReadModelFixtures.TicketRow;
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

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of {@code /api/tickets} against a real read model.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TicketApiTests {

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
	void festivalTicketHasPetziFieldNames() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();

		ResultActions result = getTicket(ReadModelFixtures.FESTIVAL_TICKET);

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.number").value("FEST-0001"));
		result.andExpect(jsonPath("$.type").value("online_presale"));
		result.andExpect(jsonPath("$.title").value("3-Tagespass 🎉"));
		result.andExpect(jsonPath("$.category").value("Festivalpass"));
		result.andExpect(jsonPath("$.eventId").value(61234));
		result.andExpect(jsonPath("$.event").value("Gurten Festival 🎸 2025"));
		result.andExpect(jsonPath("$.promoter").value("Gurten AG"));
		result.andExpect(jsonPath("$.generatedAt").value("2025-03-01T09:15:30Z"));
		result.andExpect(jsonPath("$.status").value("valid"));
		result.andExpect(jsonPath("$.cancellationReason").value(""));
	}

	@Test
	void priceAmountIsTwoDecimalString() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();

		ResultActions result = getTicket(ReadModelFixtures.FESTIVAL_TICKET);

		result.andExpect(jsonPath("$.price.amount").value("52.50"));
		result.andExpect(jsonPath("$.price.currency").value("CHF"));
		result.andExpect(content().string(containsString("\"amount\":\"52.50\"")));
	}

	@Test
	void buyerOmitsEmail() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();

		ResultActions result = getTicket(ReadModelFixtures.FESTIVAL_TICKET);

		result.andExpect(jsonPath("$.buyer.role").value("customer"));
		result.andExpect(jsonPath("$.buyer.firstName").value("Zoë"));
		result.andExpect(jsonPath("$.buyer.lastName").value("Müller"));
		result.andExpect(jsonPath("$.buyer.postcode").value("3012"));
		result.andExpect(jsonPath("$.buyer.email").doesNotExist());
		result.andExpect(content().string(org.hamcrest.Matchers.not(containsString("zoe@example.com"))));
	}

	@Test
	void sessionsFollowPositionOrder() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();

		ResultActions result = getTicket(ReadModelFixtures.FESTIVAL_TICKET);

		result.andExpect(jsonPath("$.sessions.length()").value(3));
		result.andExpect(jsonPath("$.sessions[0].name").value("Freitag"));
		result.andExpect(jsonPath("$.sessions[1].name").value("Samstag"));
		result.andExpect(jsonPath("$.sessions[2].name").value("Sonntag"));
	}

	@Test
	void sessionHasDateTimesAndLocation() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();

		ResultActions result = getTicket(ReadModelFixtures.FESTIVAL_TICKET);

		result.andExpect(jsonPath("$.sessions[0].date").value("2025-07-18"));
		result.andExpect(jsonPath("$.sessions[0].time").value("14:00:00"));
		result.andExpect(jsonPath("$.sessions[0].doors").value("13:30:00"));
		result.andExpect(jsonPath("$.sessions[0].location.name").value("Gurten Kulm"));
		result.andExpect(jsonPath("$.sessions[0].location.street").value("Gurtenpark 1"));
		result.andExpect(jsonPath("$.sessions[0].location.city").value("Wabern"));
		result.andExpect(jsonPath("$.sessions[0].location.postcode").value("3084"));
	}

	@Test
	void missingSessionValuesAreNull() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();

		ResultActions result = getTicket(ReadModelFixtures.FESTIVAL_TICKET);

		result.andExpect(jsonPath("$.sessions[1].doors").value(nullValue()));
		result.andExpect(jsonPath("$.sessions[2].time").value(nullValue()));
		result.andExpect(jsonPath("$.sessions[2].location").value(nullValue()));
	}

	@Test
	void bareTicketHasNullFields() throws Exception {
		this.fixtures.aBareTicket("BARE-1");

		ResultActions result = getTicket("BARE-1");

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.type").value(nullValue()));
		result.andExpect(jsonPath("$.eventId").value(nullValue()));
		result.andExpect(jsonPath("$.event").value(nullValue()));
		result.andExpect(jsonPath("$.generatedAt").value(nullValue()));
		result.andExpect(jsonPath("$.cancellationReason").value(nullValue()));
		result.andExpect(jsonPath("$.price").value(nullValue()));
		result.andExpect(jsonPath("$.buyer").value(nullValue()));
		result.andExpect(jsonPath("$.sessions.length()").value(0));
	}

	@Test
	void hostileStringsReturnedVerbatim() throws Exception {
		this.fixtures.aHostileTicket();

		ResultActions result = getTicket(ReadModelFixtures.HOSTILE_TICKET);

		result.andExpect(jsonPath("$.title").value(ReadModelFixtures.HOSTILE_TEXT));
		result.andExpect(jsonPath("$.event").value(ReadModelFixtures.HOSTILE_TEXT));
		result.andExpect(jsonPath("$.buyer.firstName").value(ReadModelFixtures.HOSTILE_TEXT));
	}

	@Test
	void cancelledTicketShowsReason() throws Exception {
		long event = this.fixtures.anEvent(1L, "Konzert", "Promoter");
		this.fixtures.aTicket(TicketRow.aValidTicket("C-1", event, soldAt(1)).cancelled("event_cancellation"));

		ResultActions result = getTicket("C-1");

		result.andExpect(jsonPath("$.status").value("cancelled"));
		result.andExpect(jsonPath("$.cancellationReason").value("event_cancellation"));
	}

	@Test
	void unknownNumberIsNotFound() throws Exception {
		ResultActions result = getTicket("NOPE-404");

		result.andExpect(status().isNotFound());
		result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		result.andExpect(jsonPath("$.status").value(404));
		result.andExpect(jsonPath("$.detail").value(containsString("NOPE-404")));
	}

	@Test
	void listsNewestFirst() throws Exception {
		long event = this.fixtures.anEvent(1L, "Konzert", "Promoter");
		this.fixtures.aTicket(TicketRow.aValidTicket("A-OLD", event, soldAt(1)));
		this.fixtures.aTicket(TicketRow.aValidTicket("B-NEW", event, soldAt(3)));
		this.fixtures.aTicket(TicketRow.aValidTicket("A-MID", event, soldAt(2)));
		this.fixtures.aTicket(TicketRow.aValidTicket("Z-MID", event, soldAt(2)));

		ResultActions result = this.mockMvc.perform(get("/api/tickets").with(user("viewer")));

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.content[0].number").value("B-NEW"));
		result.andExpect(jsonPath("$.content[1].number").value("Z-MID"));
		result.andExpect(jsonPath("$.content[2].number").value("A-MID"));
		result.andExpect(jsonPath("$.content[3].number").value("A-OLD"));
	}

	@Test
	void defaultPageHasTwentyTickets() throws Exception {
		seedTickets(25);

		ResultActions result = this.mockMvc.perform(get("/api/tickets").with(user("viewer")));

		result.andExpect(jsonPath("$.content.length()").value(20));
		result.andExpect(jsonPath("$.page").value(0));
		result.andExpect(jsonPath("$.size").value(20));
		result.andExpect(jsonPath("$.totalElements").value(25));
		result.andExpect(jsonPath("$.totalPages").value(2));
	}

	@Test
	void secondPageHasTheRest() throws Exception {
		seedTickets(25);

		ResultActions result = this.mockMvc.perform(get("/api/tickets?page=2&size=10").with(user("viewer")));

		result.andExpect(jsonPath("$.content.length()").value(5));
		result.andExpect(jsonPath("$.content[0].number").value("T-05"));
		result.andExpect(jsonPath("$.content[4].number").value("T-01"));
		result.andExpect(jsonPath("$.page").value(2));
		result.andExpect(jsonPath("$.totalPages").value(3));
	}

	@Test
	void pageOmitsCappedFlag() throws Exception {
		seedTickets(3);

		ResultActions result = this.mockMvc.perform(get("/api/tickets").with(user("viewer")));

		result.andExpect(jsonPath("$.totalCapped").doesNotExist());
	}

	@Test
	void pageBeyondLastIsEmpty() throws Exception {
		seedTickets(3);

		ResultActions result = this.mockMvc.perform(get("/api/tickets?page=5&size=200").with(user("viewer")));

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.content.length()").value(0));
		result.andExpect(jsonPath("$.totalElements").value(3));
	}

	@Test
	void pageListsSessionsOfEachTicket() throws Exception {
		this.fixtures.aFestivalTicketWithThreeSessions();
		this.fixtures.aBareTicket("BARE-1");

		ResultActions result = this.mockMvc.perform(get("/api/tickets").with(user("viewer")));

		result.andExpect(jsonPath("$.content[0].number").value("FEST-0001"));
		result.andExpect(jsonPath("$.content[0].sessions.length()").value(3));
		result.andExpect(jsonPath("$.content[1].sessions.length()").value(0));
	}

	@ParameterizedTest
	@CsvSource({ "page, -1", "page, abc", "size, 0", "size, 201", "size, -5", "size, ten", "page, 1.5" })
	void badParameterIsBadRequest(String parameter, String value) throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/tickets").param(parameter, value).with(user("viewer")));

		result.andExpect(status().isBadRequest());
		result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		result.andExpect(jsonPath("$.detail").value(containsString("'" + parameter + "'")));
	}

	@Test
	void searchReturnsOnlyMatchingTickets() throws Exception {
		seedTickets(12);

		ResultActions result = this.mockMvc.perform(get("/api/tickets?q=T-1").with(user("viewer")));

		result.andExpect(jsonPath("$.totalElements").value(3));
		result.andExpect(jsonPath("$.content[*].number", containsInAnyOrder("T-10", "T-11", "T-12")));
	}

	@Test
	void searchTooLongIsBadRequest() throws Exception {
		ResultActions result = this.mockMvc
			.perform(get("/api/tickets").param("q", "x".repeat(101)).with(user("viewer")));

		result.andExpect(status().isBadRequest());
		result.andExpect(jsonPath("$.detail").value(containsString("'q'")));
	}

	@Test
	void maximumPageSizeIsAccepted() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/tickets?size=200").with(user("viewer")));

		result.andExpect(status().isOk());
	}

	private ResultActions getTicket(String number) throws Exception {
		return this.mockMvc.perform(get("/api/tickets/{number}", number).with(user("viewer")));
	}

	private void seedTickets(int count) {
		long event = this.fixtures.anEvent(1L, "Konzert", "Promoter");
		for (int i = 1; i <= count; i++) {
			this.fixtures.aTicket(TicketRow.aValidTicket("T-%02d".formatted(i), event, soldAt(i)));
		}
	}

	private static OffsetDateTime soldAt(int minute) {
		return OffsetDateTime.parse("2025-01-01T10:00:00Z").plusMinutes(minute);
	}

}
