package ch.petziwebhook.dashboard.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.TestUsers;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Tests of the delivery log page over a real database: rows, filters, paging, roles and
 * invalid parameters.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DeliveryLogPageTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final OffsetDateTime NOON = OffsetDateTime.parse("2025-03-30T10:00:00Z");

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	private DeliveryFixtures fixtures;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void deleteDeliveries() {
		TestUsers.create(this.jdbcClient, "viewer", "VIEWER");
		this.fixtures = new DeliveryFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
	}

	@Test
	void emptyLogShowsEmptyState() throws Exception {
		ResultActions result = show("", admin());

		result.andExpect(status().isOk());
		result.andExpect(view().name(DeliveryController.VIEW_DELIVERY_LIST));
		result.andExpect(content().string(containsString("id=\"no-deliveries\"")));
	}

	@Test
	void rendersDeliveryInZurichTime() throws Exception {
		this.fixtures.aDelivery("projected", "TICKET-1", NOON);

		ResultActions result = show("", admin());

		result.andExpect(content().string(containsString("TICKET-1")));
		result.andExpect(content().string(containsString("30.03.2025 12:00:00")));
		result.andExpect(content().string(containsString("ticket_created")));
	}

	@Test
	void rendersFailedDeliveryWithError() throws Exception {
		this.fixtures.aDelivery("failed", "BROKEN-1", NOON, 0, 7, "Missing field 'details.ticket'");

		ResultActions result = show("", admin());

		result.andExpect(content().string(containsString("Missing field &#39;details.ticket&#39;")));
		result.andExpect(content().string(containsString("Raw record 0@7")));
	}

	@Test
	void rendersRejectionWithExplanation() throws Exception {
		this.fixtures.aRejection("timestamp_out_of_window", NOON.toInstant(), 3 * 3600L, List.of());

		ResultActions result = show("", admin());

		result.andExpect(content().string(containsString("Signed 3 h ago")));
	}

	@Test
	void explanationFollowsLanguage() throws Exception {
		this.fixtures.aRejection("signature_mismatch", NOON.toInstant(), 5L, List.of("current", "previous"));

		ResultActions result = show("?lang=fr", admin());

		result.andExpect(
				content().string(containsString("Aucun secret ne correspond (2 essayé(s) : current, previous)")));
	}

	@Test
	void newestEntryComesFirst() throws Exception {
		this.fixtures.aDelivery("projected", "OLDER-1", NOON.minusHours(1));
		this.fixtures.aRejection("missing_signature", NOON.toInstant(), null, List.of());
		this.fixtures.aDelivery("projected", "NEWER-1", NOON.plusHours(1));

		ResultActions result = show("", admin());

		result.andExpect(content().string(containsString("NEWER-1")));
		result.andExpect(content()
			.string(org.hamcrest.Matchers.matchesPattern("(?s).*NEWER-1.*Missing Petzi-Signature header.*OLDER-1.*")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "projected", "stale", "ignored", "failed" })
	void statusFilterShowsOnlyThatStatus(String status) throws Exception {
		for (String other : List.of("projected", "stale", "ignored", "failed")) {
			this.fixtures.aDelivery(other, other.toUpperCase() + "-1", NOON);
		}
		this.fixtures.aRejection("missing_signature", NOON.toInstant(), null, List.of());

		ResultActions result = show("?status=" + status, admin());

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString(status.toUpperCase() + "-1")));
		for (String other : List.of("projected", "stale", "ignored", "failed")) {
			if (!other.equals(status)) {
				result.andExpect(content().string(not(containsString(other.toUpperCase() + "-1"))));
			}
		}
		result.andExpect(content().string(not(containsString("Missing Petzi-Signature header"))));
	}

	@Test
	void rejectedFilterShowsOnlyRejections() throws Exception {
		this.fixtures.aDelivery("projected", "PROJECTED-1", NOON);
		this.fixtures.aRejection("unsupported_content_type", NOON.toInstant(), null, List.of());

		ResultActions result = show("?status=rejected", admin());

		result.andExpect(content().string(containsString("Wrong content type")));
		result.andExpect(content().string(not(containsString("PROJECTED-1"))));
	}

	@Test
	void acceptedFilterShowsPendingCount() throws Exception {
		this.fixtures.aDelivery("projected", "PROJECTED-1", NOON);

		ResultActions result = show("?status=accepted", admin());

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("id=\"accepted\"")));
		result.andExpect(content().string(not(containsString("PROJECTED-1"))));
	}

	@Test
	void olderLinkContinuesAfterLastRow() throws Exception {
		UUID middle = null;
		for (int i = 0; i < 3; i++) {
			UUID id = this.fixtures.aDelivery("projected", "PAGED-" + i, NOON.plusMinutes(i));
			if (i == 1) {
				middle = id;
			}
		}

		ResultActions first = show("?size=2", admin());

		first.andExpect(content().string(containsString("PAGED-2")));
		first.andExpect(content().string(containsString("PAGED-1")));
		first.andExpect(content().string(not(containsString("PAGED-0"))));
		first.andExpect(content().string(containsString("beforeId=" + middle)));
	}

	@Test
	void secondPageStartsAfterCursor() throws Exception {
		UUID middle = null;
		for (int i = 0; i < 3; i++) {
			UUID id = this.fixtures.aDelivery("projected", "PAGED-" + i, NOON.plusMinutes(i));
			if (i == 1) {
				middle = id;
			}
		}

		ResultActions second = show("?size=2&before=" + NOON.plusMinutes(1) + "&beforeId=" + middle, admin());

		second.andExpect(content().string(containsString("PAGED-0")));
		second.andExpect(content().string(not(containsString("PAGED-1"))));
		second.andExpect(content().string(not(containsString("id=\"older\""))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "status=lost", "size=0", "size=201", "size=ten", "before=yesterday&beforeId=x",
			"before=2025-03-30T10:00:00Z", "beforeId=6a0b4f0e-8a63-4c8e-9d8f-9a3c1f7d2e11",
			"before=2025-03-30T10:00:00Z&beforeId=not-a-uuid", "status=%27%3B+DROP+TABLE+x" })
	void invalidParameterIsBadRequest(String query) throws Exception {
		ResultActions result = show("?" + query, admin());

		result.andExpect(status().isBadRequest());
		result.andExpect(content().string(containsString("id=\"invalid-parameter\"")));
	}

	@Test
	void viewerDoesNotSeeRemoteAddress() throws Exception {
		this.fixtures.aRejection("missing_signature", NOON.toInstant(), null, List.of());

		ResultActions result = show("", viewer());

		result.andExpect(status().isOk());
		result.andExpect(content().string(not(containsString(DeliveryFixtures.ADMIN_ONLY_ADDRESS))));
	}

	@Test
	void adminSeesRemoteAddress() throws Exception {
		this.fixtures.aRejection("missing_signature", NOON.toInstant(), null, List.of());

		ResultActions result = show("", admin());

		result.andExpect(content().string(containsString(DeliveryFixtures.ADMIN_ONLY_ADDRESS)));
	}

	@Test
	void viewerSeesNoRedriveButton() throws Exception {
		this.fixtures.aDelivery("failed", "BROKEN-1", NOON);

		ResultActions result = show("", viewer());

		result.andExpect(content().string(not(containsString("class=\"redrive\""))));
		result.andExpect(content().string(not(containsString("id=\"redrive-all\""))));
	}

	@Test
	void adminSeesRedriveButtons() throws Exception {
		this.fixtures.aDelivery("failed", "BROKEN-1", NOON);

		ResultActions result = show("", admin());

		result.andExpect(content().string(containsString("class=\"redrive\"")));
		result.andExpect(content().string(containsString("id=\"redrive-all\"")));
	}

	@Test
	void viewerRedriveIsForbidden() throws Exception {
		UUID id = this.fixtures.aDelivery("failed", "BROKEN-1", NOON);

		ResultActions result = this.mockMvc
			.perform(post("/dashboard/deliveries/" + id + "/redrive").with(csrf()).with(viewer()));

		result.andExpect(status().isForbidden());
	}

	@Test
	void redriveWithoutCsrfIsForbidden() throws Exception {
		UUID id = this.fixtures.aDelivery("failed", "BROKEN-1", NOON);

		ResultActions result = this.mockMvc.perform(post("/dashboard/deliveries/" + id + "/redrive").with(admin()));

		result.andExpect(status().isForbidden());
	}

	@Test
	void redriveOfProjectedDeliveryExplains() throws Exception {
		UUID id = this.fixtures.aDelivery("projected", "FINE-1", NOON);

		ResultActions result = this.mockMvc.perform(
				post("/dashboard/deliveries/" + id + "/redrive").param("status", "failed").with(csrf()).with(admin()));

		result.andExpect(status().is3xxRedirection());
		result.andExpect(flash().attribute("errorMessage", containsString("is not failed")));
	}

	@Test
	void redriveOfUnknownIdExplains() throws Exception {
		ResultActions result = this.mockMvc
			.perform(post("/dashboard/deliveries/not-an-id/redrive").with(csrf()).with(admin()));

		result.andExpect(flash().attribute("errorMessage", containsString("No delivery with id not-an-id")));
	}

	@Test
	void pageWorksWithoutReadModel() throws Exception {
		this.fixtures.aRejection("no_secret_configured", Instant.parse("2025-03-30T10:00:00Z"), null, List.of());
		this.jdbcClient.sql("ALTER TABLE read_model.deliveries RENAME TO deliveries_hidden").update();
		try {
			ResultActions result = show("", admin());

			result.andExpect(status().isOk());
			result.andExpect(content().string(containsString("No webhook secret is configured")));
		}
		finally {
			this.jdbcClient.sql("ALTER TABLE read_model.deliveries_hidden RENAME TO deliveries").update();
		}
	}

	private ResultActions show(String query, RequestPostProcessor user) throws Exception {
		return this.mockMvc.perform(get("/dashboard/deliveries" + query).with(user));
	}

	private static RequestPostProcessor admin() {
		return httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD);
	}

	private static RequestPostProcessor viewer() {
		return httpBasic("viewer", TestUsers.PASSWORD);
	}

}
