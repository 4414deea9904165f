package ch.petziwebhook.dashboard.account;

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

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of {@code /auth/settings}, where users change their own password, and of the
 * login throttling, with real users in a real database.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccountSettingsTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final String NEW_PASSWORD = "a-brand-new-password";

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void createViewer() {
		this.jdbcClient.sql("DELETE FROM dashboard.users WHERE username <> 'admin'").update();
		TestUsers.create(this.jdbcClient, "viewer", "VIEWER");
	}

	@Test
	void formShowsForViewer() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/auth/settings").with(viewer()));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("name=\"currentPassword\"")));
	}

	@Test
	void changeReplacesPassword() throws Exception {
		ResultActions result = changePassword(TestUsers.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);

		result.andExpect(redirectedUrl("/auth/settings"));
		result.andExpect(flash().attribute("successKey", "password.changed"));
		this.mockMvc.perform(formLogin("/auth/login").user("viewer").password(NEW_PASSWORD)).andExpect(authenticated());
	}

	@Test
	void changeRetiresOldPassword() throws Exception {
		changePassword(TestUsers.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);

		ResultActions result = this.mockMvc
			.perform(formLogin("/auth/login").user("viewer").password(TestUsers.PASSWORD));

		result.andExpect(unauthenticated());
	}

	@Test
	void wrongCurrentPasswordIsRejected() throws Exception {
		ResultActions result = changePassword("not-the-password", NEW_PASSWORD, NEW_PASSWORD);

		result.andExpect(status().isBadRequest());
		result.andExpect(content().string(containsString("The current password is wrong")));
	}

	@Test
	void shortNewPasswordIsRejected() throws Exception {
		ResultActions result = changePassword(TestUsers.PASSWORD, "short", "short");

		result.andExpect(status().isBadRequest());
		result.andExpect(content().string(containsString("too short")));
	}

	@Test
	void changeWithoutCsrfIsForbidden() throws Exception {
		ResultActions result = this.mockMvc.perform(post("/auth/settings").with(viewer())
			.param("currentPassword", TestUsers.PASSWORD)
			.param("newPassword", NEW_PASSWORD)
			.param("passwordConfirmation", NEW_PASSWORD));

		result.andExpect(status().isForbidden());
	}

	@Test
	void formLoginThrottledAfterFailures() throws Exception {
		TestUsers.create(this.jdbcClient, "throttled-form", "VIEWER");
		for (int i = 0; i < 5; i++) {
			this.mockMvc.perform(formLogin("/auth/login").user("throttled-form").password("wrong-" + i))
				.andExpect(redirectedUrl("/auth/login?error"));
		}

		ResultActions result = this.mockMvc
			.perform(formLogin("/auth/login").user("throttled-form").password(TestUsers.PASSWORD));

		result.andExpect(unauthenticated());
		result.andExpect(redirectedUrl("/auth/login?throttled"));
	}

	@Test
	void basicThrottledAfterFailures() throws Exception {
		TestUsers.create(this.jdbcClient, "throttled-basic", "VIEWER");
		for (int i = 0; i < 5; i++) {
			this.mockMvc.perform(get("/api/events").with(httpBasic("throttled-basic", "wrong-" + i)))
				.andExpect(status().isUnauthorized());
		}

		ResultActions result = this.mockMvc
			.perform(get("/api/events").with(httpBasic("throttled-basic", TestUsers.PASSWORD)));

		result.andExpect(status().isUnauthorized());
	}

	@Test
	void throttledPageShowsMessage() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/auth/login?throttled"));

		result.andExpect(content().string(containsString("Too many failed logins")));
	}

	@Test
	void logoutPathShowsPostForm() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/auth/logout").with(viewer()));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("action=\"/auth/logout\"")));
		result.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	private ResultActions changePassword(String current, String next, String confirmation) throws Exception {
		return this.mockMvc.perform(post("/auth/settings").with(viewer())
			.with(csrf())
			.param("currentPassword", current)
			.param("newPassword", next)
			.param("passwordConfirmation", confirmation));
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor viewer() {
		return httpBasic("viewer", TestUsers.PASSWORD);
	}

}
