package ch.petziwebhook.dashboard.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

/**
 * Tests of the browser-facing protections: security headers, no inline scripts, forms
 * with CSRF tokens, languages, and no buyer data in logs.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PageSecurityTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	// A script element with content, or an event handler attribute such as onclick=.
	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=",
			Pattern.CASE_INSENSITIVE);

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/auth/login", "/dashboard/home", "/dashboard/tickets", "/dashboard/events" })
	void pageSendsContentSecurityPolicy(String path) throws Exception {
		ResultActions result = this.mockMvc.perform(get(path).with(admin()));

		result.andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY));
		result.andExpect(header().string("X-Frame-Options", "DENY"));
		result.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

	@Test
	void policyAllowsOnlyOwnScripts() {
		assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY).contains("script-src 'self';");
		assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'");
		assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY).doesNotContain("unsafe-eval");
	}

	@Test
	void templatesHaveNoInlineScripts() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			List<Path> templates = files.filter((file) -> file.toString().endsWith(".html")).toList();

			assertThat(templates).isNotEmpty();
			for (Path template : templates) {
				assertThat(INLINE_SCRIPT.matcher(Files.readString(template)).find()).as(template.toString()).isFalse();
			}
		}
	}

	@Test
	void everyPostFormCarriesCsrfToken() throws Exception {
		String page = this.mockMvc.perform(get("/dashboard/settings").with(admin()))
			.andReturn()
			.getResponse()
			.getContentAsString();

		long forms = Pattern.compile("<form[^>]*method=\"post\"").matcher(page).results().count();
		long tokens = Pattern.compile("name=\"_csrf\"").matcher(page).results().count();
		assertThat(forms).isGreaterThan(2);
		assertThat(tokens).isEqualTo(forms);
	}

	@Test
	void frenchIsChosenBySwitch() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/dashboard/tickets?lang=fr").with(admin()));

		result.andExpect(content().string(containsString("Billets au total")));
		result.andExpect(header().string("Set-Cookie", containsString("petzi-language=fr")));
	}

	@Test
	void germanIsChosenByBrowser() throws Exception {
		ResultActions result = this.mockMvc
			.perform(get("/dashboard/events").header("Accept-Language", "de-CH,de;q=0.9").with(admin()));

		result.andExpect(content().string(containsString("Veranstaltungen insgesamt")));
	}

	@Test
	void otherLanguageFallsBackToEnglish() throws Exception {
		ResultActions result = this.mockMvc
			.perform(get("/dashboard/events").header("Accept-Language", "it-CH").with(admin()));

		result.andExpect(content().string(containsString("Events in total")));
	}

	@Test
	void loginPageIsTranslated() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/auth/login").header("Accept-Language", "fr"));

		result.andExpect(content().string(containsString("Se connecter")));
	}

	@Test
	void exportLogsNoBuyerData(CapturedOutput output) throws Exception {
		ReadModelFixtures fixtures = new ReadModelFixtures(this.jdbcClient);
		fixtures.deleteAll();
		fixtures.aFestivalTicketWithThreeSessions();
		long event = this.jdbcClient.sql("SELECT id FROM read_model.events").query(Long.class).single();

		this.mockMvc.perform(get("/api/events/{id}/tickets.csv", event).with(user("viewer")))
			.andExpect(content().string(containsString("zoe@example.com")));
		this.mockMvc.perform(get("/api/buyers").with(user("viewer")));

		assertThat(output.getAll()).contains("Exported 3 CSV rows");
		assertThat(output.getAll()).doesNotContain("zoe@example.com");
		assertThat(output.getAll()).doesNotContain("Müller");
	}

	@Test
	void apiAnswersAreNotCached() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/tickets").with(admin()));

		result.andExpect(header().string("Cache-Control", containsString("no-store")));
		result.andExpect(content().string(not(containsString("<html"))));
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD);
	}

}
