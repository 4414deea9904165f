package ch.petziwebhook.dashboard.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.TestUsers;
import ch.petziwebhook.dashboard.token.ApiTokenService;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the JSON delivery log over a real database: shape, keyset paging, what each
 * kind of caller gets, and invalid parameters.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DeliveryApiTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final OffsetDateTime NOON = OffsetDateTime.parse("2025-03-30T10:00:00Z");

	private static String token;

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private ApiTokenService tokens;

	private DeliveryFixtures fixtures;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void deleteDeliveries() {
		TestUsers.create(this.jdbcClient, "viewer", "VIEWER");
		if (token == null) {
			token = this.tokens.create("delivery tests", "admin");
		}
		this.fixtures = new DeliveryFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
	}

	@Test
	void listsEntriesNewestFirst() throws Exception {
		this.fixtures.aDelivery("projected", "OLDER-1", NOON);
		this.fixtures.aRejection("missing_signature", NOON.plusMinutes(1).toInstant(), null, List.of());

		ResultActions result = list("", admin());

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.content[0].status").value("rejected"));
		result.andExpect(jsonPath("$.content[0].rejection.reason").value("missing_signature"));
		result.andExpect(jsonPath("$.content[0].explanation").value(containsString("Missing Petzi-Signature")));
		result.andExpect(jsonPath("$.content[1].ticketNumber").value("OLDER-1"));
		result.andExpect(jsonPath("$.content[1].source").value("0@0"));
		result.andExpect(jsonPath("$.next").value(nullValue()));
	}

	@Test
	void nextCursorLeadsToOlderEntries() throws Exception {
		this.fixtures.aDelivery("projected", "OLDER-1", NOON);
		UUID newer = this.fixtures.aDelivery("projected", "NEWER-1", NOON.plusMinutes(1));

		ResultActions first = list("?size=1", admin());
		ResultActions second = list("?size=1&before=" + NOON.plusMinutes(1) + "&beforeId=" + newer, admin());

		first.andExpect(jsonPath("$.content[0].ticketNumber").value("NEWER-1"));
		first.andExpect(jsonPath("$.next.beforeId").value(newer.toString()));
		second.andExpect(jsonPath("$.content[0].ticketNumber").value("OLDER-1"));
		second.andExpect(jsonPath("$.next").value(nullValue()));
	}

	@Test
	void tokenGetsNoProjectorError() throws Exception {
		this.fixtures.aDelivery("failed", "BROKEN-1", NOON, 0, 3, "Missing field 'buyer'");

		ResultActions result = list("", (request) -> {
			request.addHeader("Authorization", "Bearer " + token);
			return request;
		});

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.content[0].ticketNumber").value("BROKEN-1"));
		result.andExpect(jsonPath("$.content[0].error").doesNotExist());
	}

	@Test
	void viewerGetsProjectorError() throws Exception {
		this.fixtures.aDelivery("failed", "BROKEN-1", NOON, 0, 3, "Missing field 'buyer'");

		ResultActions result = list("", viewer());

		result.andExpect(jsonPath("$.content[0].error").value("Missing field 'buyer'"));
	}

	@Test
	void viewerGetsNoRemoteAddress() throws Exception {
		this.fixtures.aRejection("missing_signature", NOON.toInstant(), null, List.of());

		ResultActions result = list("", viewer());

		result.andExpect(jsonPath("$.content[0].rejection.userAgent").value("Petzi-Hook/2"));
		result.andExpect(jsonPath("$.content[0].rejection.remoteAddress").doesNotExist());
	}

	@Test
	void adminGetsRemoteAddress() throws Exception {
		this.fixtures.aRejection("missing_signature", NOON.toInstant(), null, List.of());

		ResultActions result = list("", admin());

		result.andExpect(jsonPath("$.content[0].rejection.remoteAddress").value(DeliveryFixtures.ADMIN_ONLY_ADDRESS));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			status=lost                                 | status
			size=0                                      | size
			size=201                                    | size
			size=ten                                    | size
			before=yesterday&beforeId=x                 | before
			before=2025-03-30T10:00:00Z                 | beforeId
			beforeId=6a0b4f0e-8a63-4c8e-9d8f-9a3c1f7d2e11 | before
			before=2025-03-30T10:00:00Z&beforeId=nope   | beforeId
			""")
	void invalidParameterIsProblem(String query, String parameter) throws Exception {
		ResultActions result = list("?" + query, admin());

		result.andExpect(status().isBadRequest());
		result.andExpect(jsonPath("$.detail").value(containsString("parameter '" + parameter + "'")));
	}

	@Test
	void redriveOfInvalidIdIsBadRequest() throws Exception {
		ResultActions result = this.mockMvc.perform(post("/api/deliveries/not-a-uuid/redrive").with(admin()));

		result.andExpect(status().isBadRequest());
	}

	@Test
	void redriveOfUnknownIdIsNotFound() throws Exception {
		ResultActions result = this.mockMvc
			.perform(post("/api/deliveries/" + UUID.randomUUID() + "/redrive").with(admin()));

		result.andExpect(status().isNotFound());
	}

	@Test
	void redriveOfProjectedIsConflict() throws Exception {
		UUID id = this.fixtures.aDelivery("projected", "FINE-1", NOON);

		ResultActions result = this.mockMvc.perform(post("/api/deliveries/" + id + "/redrive").with(admin()));

		result.andExpect(status().isConflict());
	}

	@Test
	void tokenRedriveIsForbidden() throws Exception {
		UUID id = this.fixtures.aDelivery("failed", "BROKEN-1", NOON);

		ResultActions result = this.mockMvc
			.perform(post("/api/deliveries/" + id + "/redrive").header("Authorization", "Bearer " + token));

		result.andExpect(status().isForbidden());
	}

	@Test
	void anonymousListIsUnauthorized() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/deliveries"));

		result.andExpect(status().isUnauthorized());
	}

	private ResultActions list(String query, RequestPostProcessor user) throws Exception {
		return this.mockMvc.perform(get("/api/deliveries" + query).with(user));
	}

	private static RequestPostProcessor admin() {
		return httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD);
	}

	private static RequestPostProcessor viewer() {
		return httpBasic("viewer", TestUsers.PASSWORD);
	}

}
