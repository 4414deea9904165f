package ch.petziwebhook.dashboard.system;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.dashboard.TestUsers;
import ch.petziwebhook.dashboard.token.ApiTokenService;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Tests every route with every kind of caller: anonymous, an API token, a viewer and an
 * admin, all with real credentials.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RoleAccessTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static String token;

	private static long eventId;

	private static String deliveryId;

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private ApiTokenService tokens;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void seedOnce() {
		if (token != null) {
			return;
		}
		TestUsers.create(this.jdbcClient, "viewer", "VIEWER");
		// Registration stays open, so that its form returns 200 to every caller.
		this.jdbcClient.sql("INSERT INTO dashboard.settings (key, value) VALUES ('registration.open', 'true')")
			.update();
		token = this.tokens.create("role tests", "admin");
		ReadModelFixtures fixtures = new ReadModelFixtures(this.jdbcClient);
		fixtures.aFestivalTicketWithThreeSessions();
		eventId = this.jdbcClient.sql("SELECT id FROM read_model.events").query(Long.class).single();
		// A projected delivery, whose re-drive returns 409 before Kafka is contacted.
		fixtures.aDelivery(ReadModelFixtures.FESTIVAL_TICKET, java.time.OffsetDateTime.now());
		deliveryId = this.jdbcClient.sql("SELECT delivery_id::text FROM read_model.deliveries LIMIT 1")
			.query(String.class)
			.single();
	}

	static Stream<Arguments> routesAndCallers() {
		return routes().stream()
			.flatMap((route) -> Arrays.stream(Caller.values()).map((caller) -> Arguments.of(route, caller)));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("routesAndCallers")
	void accessMatchesRole(Route route, Caller caller) throws Exception {
		MockHttpServletResponse response = this.mockMvc.perform(request(route, caller)).andReturn().getResponse();

		assertThat(response.getStatus()).as("status").isEqualTo(expectedStatus(route, caller, response));
	}

	private MockHttpServletRequestBuilder request(Route route, Caller caller) {
		String path = route.path().replace("{event}", Long.toString(eventId)).replace("{delivery}", deliveryId);
		MockHttpServletRequestBuilder request = route.post() ? post(path).with(csrf()) : get(path);
		route.parameters().forEach((parameter) -> request.param(parameter[0], parameter[1]));
		return switch (caller) {
			case NOBODY -> request;
			case TOKEN -> request.header("Authorization", "Bearer " + token);
			case VIEWER -> request.with(httpBasic("viewer", TestUsers.PASSWORD));
			case ADMIN -> request.with(httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD));
		};
	}

	// An allowed request keeps its status when that is a success or a redirect inside the
	// application. A rejected one gets 401, 403 or the redirect to the login.
	private static int expectedStatus(Route route, Caller caller, MockHttpServletResponse response) {
		boolean allowed = switch (route.access()) {
			case PUBLIC -> true;
			case ANY_LOGIN -> caller != Caller.NOBODY;
			case USER -> caller == Caller.VIEWER || caller == Caller.ADMIN;
			case ADMIN -> caller == Caller.ADMIN;
		};
		if (allowed) {
			boolean success = response.getStatus() < 400 && !"/auth/login".equals(response.getRedirectedUrl());
			return success ? response.getStatus() : route.allowedStatus();
		}
		if (caller == Caller.NOBODY) {
			return route.api() ? 401 : 302;
		}
		return 403;
	}

	private static List<Route> routes() {
		return List.of(Route.get("/auth/login", Access.PUBLIC), Route.get("/auth/register", Access.PUBLIC),
				Route.api("/api/tickets", Access.ANY_LOGIN), Route.api("/api/tickets/FEST-0001", Access.ANY_LOGIN),
				Route.api("/api/events", Access.ANY_LOGIN), Route.api("/api/locations", Access.ANY_LOGIN),
				Route.api("/api/sessions", Access.ANY_LOGIN), Route.api("/api/events/{event}/sales", Access.ANY_LOGIN),
				Route.api("/locations", Access.ANY_LOGIN), Route.api("/events", Access.ANY_LOGIN),
				Route.api("/tickets", Access.ANY_LOGIN), Route.api("/sessions", Access.ANY_LOGIN),
				Route.api("/chart/tickets/61234", Access.ANY_LOGIN), Route.api("/api/buyers", Access.USER),
				Route.api("/buyers", Access.USER), Route.api("/download_csv?event_id=61234", Access.USER),
				Route.api("/api/events/{event}/tickets.csv", Access.USER), Route.get("/dashboard/tickets", Access.USER),
				Route.get("/dashboard/home", Access.USER), Route.get("/dashboard/events", Access.USER),
				Route.get("/dashboard/events?event={event}", Access.USER),
				Route.get("/dashboard/export?event={event}", Access.USER), Route.api("/api/sales", Access.ANY_LOGIN),
				Route.api("/actuator/prometheus", Access.PUBLIC), Route.get("/auth/settings", Access.USER),
				Route.get("/auth/logout", Access.USER), Route.get("/dashboard/settings", Access.ADMIN),
				Route.post("/dashboard/settings/registration", Access.ADMIN, "open", "true"),
				Route.post("/dashboard/settings/tokens", Access.ADMIN, "name", "from role test"),
				Route.post("/dashboard/settings/users/viewer/role", Access.ADMIN, "role", "VIEWER"),
				// Invalid secrets and an unknown slot, so that no change reaches Kafka.
				Route.post("/dashboard/settings/secrets/rotate", Access.ADMIN, "secret", "short", "keepOldForHours",
						"24"),
				Route.post("/dashboard/settings/secrets", Access.ADMIN, "slot", "extra", "secret", "short"),
				Route.post("/dashboard/settings/secrets/no-such-slot/delete", Access.ADMIN),
				Route.post("/dashboard/settings/tokens/999999/delete", Access.ADMIN),
				Route.get("/dashboard/deliveries", Access.USER),
				Route.get("/dashboard/deliveries?status=rejected", Access.USER),
				Route.api("/api/deliveries", Access.ANY_LOGIN),
				Route.api("/api/deliveries?status=failed", Access.ANY_LOGIN),
				Route.post("/dashboard/deliveries/{delivery}/redrive", Access.ADMIN),
				// No delivery is failed, so no re-drive reaches Kafka.
				Route.post("/dashboard/deliveries/redrive-failed", Access.ADMIN),
				Route.apiPost("/api/deliveries/{delivery}/redrive", Access.ADMIN, 409),
				Route.apiPost("/api/deliveries/redrive-failed", Access.ADMIN, 200),
				Route.api("/v3/api-docs", Access.ANY_LOGIN), Route.get("/swagger-ui/index.html", Access.ANY_LOGIN));
	}

	enum Caller {

		NOBODY, TOKEN, VIEWER, ADMIN

	}

	enum Access {

		PUBLIC, ANY_LOGIN, USER, ADMIN

	}

	// allowedStatus is what the controller returns to an allowed caller when that is not
	// a success, such as 409 for the re-drive of a delivery that did not fail.
	record Route(String path, boolean post, boolean api, Access access, List<String[]> parameters, int allowedStatus) {

		static Route get(String path, Access access) {
			return new Route(path, false, false, access, List.of(), 200);
		}

		static Route api(String path, Access access) {
			return new Route(path, false, true, access, List.of(), 200);
		}

		static Route apiPost(String path, Access access, int allowedStatus) {
			return new Route(path, true, true, access, List.of(), allowedStatus);
		}

		static Route post(String path, Access access, String... namesAndValues) {
			List<String[]> parameters = new java.util.ArrayList<>();
			for (int i = 0; i < namesAndValues.length; i += 2) {
				parameters.add(new String[] { namesAndValues[i], namesAndValues[i + 1] });
			}
			return new Route(path, true, false, access, parameters, 200);
		}

		@Override
		public String toString() {
			return (this.post ? "POST " : "GET ") + this.path;
		}

	}

}
