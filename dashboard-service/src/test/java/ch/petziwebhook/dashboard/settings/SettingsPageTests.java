package ch.petziwebhook.dashboard.settings;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.TestUsers;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the admins' settings page: registration, roles and API tokens.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SettingsPageTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void resetUsersAndSettings() {
		this.jdbcClient.sql("DELETE FROM dashboard.users WHERE username <> 'admin'").update();
		this.jdbcClient.sql("UPDATE dashboard.users SET role = 'ADMIN' WHERE username = 'admin'").update();
		this.jdbcClient.sql("TRUNCATE dashboard.settings, dashboard.api_tokens").update();
		TestUsers.create(this.jdbcClient, "viewer", "VIEWER");
	}

	@Test
	void pageListsUsersWithRoles() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/dashboard/settings").with(admin()));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("action=\"/dashboard/settings/users/viewer/role\"")));
		result.andExpect(content().string(containsString("Registration is closed.")));
	}

	@Test
	void openingRegistrationIsStored() throws Exception {
		ResultActions result = this.mockMvc
			.perform(post("/dashboard/settings/registration").with(admin()).with(csrf()).param("open", "true"));

		result.andExpect(redirectedUrl("/dashboard/settings"));
		result.andExpect(flash().attribute("successKey", "settings.registration.opened"));
		assertThat(setting("registration.open")).isEqualTo("true");
	}

	@Test
	void openedRegistrationShowsForm() throws Exception {
		this.mockMvc.perform(post("/dashboard/settings/registration").with(admin()).with(csrf()).param("open", "true"));

		ResultActions result = this.mockMvc.perform(get("/auth/register"));

		result.andExpect(status().isOk());
		result.andExpect(content().string(not(containsString("id=\"registration-closed\""))));
	}

	@Test
	void promotionMakesViewerAdmin() throws Exception {
		ResultActions result = changeRole("viewer", "ADMIN");

		result.andExpect(flash().attribute("successKey", "users.roleChanged"));
		assertThat(roleOf("viewer")).isEqualTo("ADMIN");
	}

	@Test
	void promotedViewerOpensSettings() throws Exception {
		changeRole("viewer", "ADMIN");

		ResultActions result = this.mockMvc
			.perform(get("/dashboard/settings").with(httpBasic("viewer", TestUsers.PASSWORD)));

		result.andExpect(status().isOk());
	}

	@Test
	void lastAdminKeepsRole() throws Exception {
		ResultActions result = changeRole("admin", "VIEWER");

		result.andExpect(flash().attribute("errorKey", "users.lastAdmin"));
		assertThat(roleOf("admin")).isEqualTo("ADMIN");
	}

	@Test
	void unknownRoleIsBadRequest() throws Exception {
		ResultActions result = changeRole("viewer", "OWNER");

		result.andExpect(status().isBadRequest());
		assertThat(roleOf("viewer")).isEqualTo("VIEWER");
	}

	@Test
	void createdTokenIsShownOnce() throws Exception {
		ResultActions result = this.mockMvc
			.perform(post("/dashboard/settings/tokens").with(admin()).with(csrf()).param("name", "nightly export"));

		result.andExpect(flash().attribute("createdToken", startsWith("pzt_")));
		String token = (String) result.andReturn().getFlashMap().get("createdToken");
		this.mockMvc.perform(get("/dashboard/settings").with(admin()))
			.andExpect(content().string(containsString("nightly export")))
			.andExpect(content().string(not(containsString(token))));
	}

	@Test
	void tokenIsStoredAsHashOnly() throws Exception {
		ResultActions result = this.mockMvc
			.perform(post("/dashboard/settings/tokens").with(admin()).with(csrf()).param("name", "script"));

		String token = (String) result.andReturn().getFlashMap().get("createdToken");
		String stored = this.jdbcClient.sql("SELECT token_hash FROM dashboard.api_tokens").query(String.class).single();
		assertThat(stored).doesNotContain(token.substring(4));
	}

	@Test
	void blankTokenNameIsRejected() throws Exception {
		ResultActions result = this.mockMvc
			.perform(post("/dashboard/settings/tokens").with(admin()).with(csrf()).param("name", "  "));

		result.andExpect(flash().attribute("errorKey", "tokens.invalidName"));
	}

	@Test
	void deletedTokenStopsWorking() throws Exception {
		String token = (String) this.mockMvc
			.perform(post("/dashboard/settings/tokens").with(admin()).with(csrf()).param("name", "script"))
			.andReturn()
			.getFlashMap()
			.get("createdToken");
		long id = this.jdbcClient.sql("SELECT id FROM dashboard.api_tokens").query(Long.class).single();

		this.mockMvc.perform(post("/dashboard/settings/tokens/{id}/delete", id).with(admin()).with(csrf()))
			.andExpect(flash().attribute("successKey", "tokens.deleted"));

		this.mockMvc.perform(get("/api/events").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized());
	}

	private ResultActions changeRole(String username, String role) throws Exception {
		return this.mockMvc.perform(post("/dashboard/settings/users/{username}/role", username).with(admin())
			.with(csrf())
			.param("role", role));
	}

	private String roleOf(String username) {
		return this.jdbcClient.sql("SELECT role FROM dashboard.users WHERE username = :username")
			.param("username", username)
			.query(String.class)
			.single();
	}

	private String setting(String key) {
		return this.jdbcClient.sql("SELECT value FROM dashboard.settings WHERE key = :key")
			.param("key", key)
			.query(String.class)
			.single();
	}

	private static RequestPostProcessor admin() {
		return httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD);
	}

}
