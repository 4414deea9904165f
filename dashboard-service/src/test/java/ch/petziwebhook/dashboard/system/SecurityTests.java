package ch.petziwebhook.dashboard.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the security rules with the first admin stored in a real database.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SecurityTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final String ADMIN_PASSWORD = DashboardTestDatabase.ADMIN_PASSWORD;

	private static final Pattern STYLESHEET = Pattern
		.compile("href=\"(/webjars/tabler__core/[^\"]*/tabler\\.min\\.css)\"");

	@Autowired
	private MockMvc mockMvc;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void apiWithoutLoginIsUnauthorized() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/tickets"));

		result.andExpect(status().isUnauthorized());
		result.andExpect(header().doesNotExist("Location"));
	}

	@Test
	void apiWithBasicOfAdminIsOk() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/tickets").with(httpBasic("admin", ADMIN_PASSWORD)));

		result.andExpect(status().isOk());
	}

	@Test
	void apiWithWrongPasswordIsUnauthorized() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/tickets").with(httpBasic("admin", "wrong")));

		result.andExpect(status().isUnauthorized());
	}

	@Test
	void apiWithUnknownUserIsUnauthorized() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/events").with(httpBasic("nobody", ADMIN_PASSWORD)));

		result.andExpect(status().isUnauthorized());
	}

	@Test
	void pageWithoutLoginRedirectsToLogin() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/dashboard/tickets"));

		result.andExpect(redirectedUrl("/auth/login"));
	}

	@Test
	void loginPageIsPublic() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/auth/login"));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void loginPageLinksServedTablerCss() throws Exception {
		String page = this.mockMvc.perform(get("/auth/login")).andReturn().getResponse().getContentAsString();
		Matcher link = STYLESHEET.matcher(page);
		assertThat(link.find()).isTrue();

		ResultActions result = this.mockMvc.perform(get(link.group(1)));

		result.andExpect(status().isOk());
		result.andExpect(content().contentTypeCompatibleWith("text/css"));
	}

	@Test
	void loginFormStartsSession() throws Exception {
		ResultActions result = this.mockMvc.perform(formLogin("/auth/login").user("admin").password(ADMIN_PASSWORD));

		result.andExpect(authenticated().withUsername("admin"));
		result.andExpect(redirectedUrl("/dashboard/tickets"));
	}

	@Test
	void loginSessionOpensApi() throws Exception {
		MockHttpSession session = logIn();

		ResultActions result = this.mockMvc.perform(get("/api/tickets").session(session));

		result.andExpect(status().isOk());
	}

	@Test
	void loginSessionOpensPage() throws Exception {
		MockHttpSession session = logIn();

		ResultActions result = this.mockMvc.perform(get("/dashboard/tickets").session(session));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("admin")));
	}

	@Test
	void wrongPasswordReturnsToLoginForm() throws Exception {
		ResultActions result = this.mockMvc.perform(formLogin("/auth/login").user("admin").password("wrong"));

		result.andExpect(unauthenticated());
		result.andExpect(redirectedUrl("/auth/login?error"));
	}

	@Test
	void loginWithoutCsrfIsForbidden() throws Exception {
		ResultActions result = this.mockMvc
			.perform(post("/auth/login").param("username", "admin").param("password", ADMIN_PASSWORD));

		result.andExpect(status().isForbidden());
	}

	@Test
	void logoutEndsSession() throws Exception {
		MockHttpSession session = logIn();

		this.mockMvc.perform(post("/auth/logout").accept(MediaType.TEXT_HTML).session(session).with(csrf()))
			.andExpect(redirectedUrl("/auth/login?logout"));

		this.mockMvc.perform(get("/api/tickets").session(session)).andExpect(status().isUnauthorized());
	}

	@Test
	void rootRedirectsToTicketList() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/").with(httpBasic("admin", ADMIN_PASSWORD)));

		result.andExpect(redirectedUrl("/dashboard/tickets"));
	}

	@Test
	void webjarCssIsPublic() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/webjars/tabler__core/dist/css/tabler.min.css"));

		result.andExpect(status().isOk());
		result.andExpect(content().contentTypeCompatibleWith("text/css"));
	}

	@Test
	void ownCssIsPublic() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/css/dashboard.css"));

		result.andExpect(status().isOk());
	}

	@Test
	void healthIsPublic() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/actuator/health"));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("UP")));
	}

	@Test
	void otherActuatorEndpointsNeedLogin() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/actuator/info"));

		result.andExpect(status().is3xxRedirection());
	}

	private MockHttpSession logIn() throws Exception {
		MvcResult login = this.mockMvc.perform(formLogin("/auth/login").user("admin").password(ADMIN_PASSWORD))
			.andExpect(authenticated())
			.andReturn();
		return (MockHttpSession) login.getRequest().getSession(false);
	}

}
