package ch.petziwebhook.dashboard.account;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of {@code /auth/register} on a database that starts without users, because no
 * first admin password is configured.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RegistrationTests {

	private static final TestDatabase database = TestDatabase.create();

	private static final String PASSWORD = "a-long-enough-password";

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@BeforeEach
	void deleteUsersAndSettings() {
		this.jdbcClient.sql("TRUNCATE dashboard.users, dashboard.settings").update();
	}

	@Test
	void formIsOpenWithoutUsers() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/auth/register"));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void firstAccountBecomesAdmin() throws Exception {
		ResultActions result = register("first", PASSWORD);

		result.andExpect(redirectedUrl("/auth/login?registered"));
		assertThat(roleOf("first")).isEqualTo("ADMIN");
	}

	@Test
	void firstAccountCanLogIn() throws Exception {
		register("first", PASSWORD);

		ResultActions result = this.mockMvc.perform(formLogin("/auth/login").user("first").password(PASSWORD));

		result.andExpect(authenticated().withRoles("ADMIN"));
	}

	@Test
	void secondAccountIsRejectedWhileClosed() throws Exception {
		register("first", PASSWORD);

		ResultActions result = register("second", PASSWORD);

		result.andExpect(status().isForbidden());
		result.andExpect(content().string(containsString("id=\"registration-closed\"")));
		assertThat(roleOf("second")).isNull();
	}

	@Test
	void formIsClosedAfterFirstAccount() throws Exception {
		register("first", PASSWORD);

		ResultActions result = this.mockMvc.perform(get("/auth/register"));

		result.andExpect(status().isForbidden());
		result.andExpect(content().string(containsString("id=\"registration-closed\"")));
	}

	@Test
	void openedRegistrationCreatesViewer() throws Exception {
		register("first", PASSWORD);
		openRegistration();

		ResultActions result = register("second", PASSWORD);

		result.andExpect(redirectedUrl("/auth/login?registered"));
		assertThat(roleOf("second")).isEqualTo("VIEWER");
	}

	@Test
	void takenUsernameIsRejected() throws Exception {
		register("first", PASSWORD);
		openRegistration();

		ResultActions result = register("first", "another-long-password");

		result.andExpect(status().isBadRequest());
		result.andExpect(content().string(containsString("This username is taken")));
	}

	@Test
	void shortPasswordIsRejected() throws Exception {
		ResultActions result = register("first", "short");

		result.andExpect(status().isBadRequest());
		result.andExpect(content().string(containsString("too short")));
		assertThat(roleOf("first")).isNull();
	}

	@Test
	void passwordOverBcryptLimitIsRejected() throws Exception {
		ResultActions result = register("first", "é".repeat(37));

		result.andExpect(status().isBadRequest());
		result.andExpect(content().string(containsString("too long")));
	}

	@Test
	void differentConfirmationIsRejected() throws Exception {
		ResultActions result = this.mockMvc.perform(post("/auth/register").with(csrf())
			.param("username", "first")
			.param("password", PASSWORD)
			.param("passwordConfirmation", PASSWORD + "x"));

		result.andExpect(status().isBadRequest());
		result.andExpect(content().string(containsString("The two passwords differ")));
	}

	@Test
	void invalidUsernameIsRejected() throws Exception {
		ResultActions result = register("<b>x</b>", PASSWORD);

		result.andExpect(status().isBadRequest());
		result.andExpect(content().string(containsString("Invalid username")));
	}

	@Test
	void registrationWithoutCsrfIsForbidden() throws Exception {
		ResultActions result = this.mockMvc.perform(post("/auth/register").param("username", "first")
			.param("password", PASSWORD)
			.param("passwordConfirmation", PASSWORD));

		result.andExpect(status().isForbidden());
		assertThat(roleOf("first")).isNull();
	}

	@Test
	void passwordIsStoredAsBcrypt() throws Exception {
		register("first", PASSWORD);

		String hash = this.jdbcClient.sql("SELECT password_hash FROM dashboard.users WHERE username = 'first'")
			.query(String.class)
			.single();

		assertThat(hash).startsWith("{bcrypt}");
	}

	private ResultActions register(String username, String password) throws Exception {
		return this.mockMvc.perform(post("/auth/register").with(csrf())
			.param("username", username)
			.param("password", password)
			.param("passwordConfirmation", password));
	}

	private void openRegistration() {
		this.jdbcClient.sql("INSERT INTO dashboard.settings (key, value) VALUES ('registration.open', 'true')")
			.update();
	}

	private String roleOf(String username) {
		return this.jdbcClient.sql("SELECT role FROM dashboard.users WHERE username = :username")
			.param("username", username)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
