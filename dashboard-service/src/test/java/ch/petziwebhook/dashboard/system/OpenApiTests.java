package ch.petziwebhook.dashboard.system;

import java.util.List;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.TestUsers;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the OpenAPI description and Swagger UI that springdoc serves behind the login.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlerMapping;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void createViewer() {
		TestUsers.create(this.jdbcClient, "viewer", "VIEWER");
	}

	@Test
	void apiDocsListEveryApiPath() throws Exception {
		String body = this.mockMvc.perform(get("/v3/api-docs").with(httpBasic("viewer", TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		JsonNode paths = this.jsonMapper.readTree(body).get("paths");
		assertThat(apiPaths()).isNotEmpty();
		for (String path : apiPaths()) {
			assertThat(paths.has(path)).as("/v3/api-docs lists " + path).isTrue();
		}
	}

	@Test
	void apiDocsLeaveOutPages() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/v3/api-docs").with(httpBasic("viewer", TestUsers.PASSWORD)));

		result.andExpect(content().string(org.hamcrest.Matchers.not(containsString("/dashboard/"))));
	}

	@Test
	void anonymousApiDocsAreUnauthorized() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/v3/api-docs"));

		result.andExpect(status().isUnauthorized());
	}

	@Test
	void anonymousSwaggerUiRedirectsToLogin() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/swagger-ui/index.html"));

		result.andExpect(status().isFound());
		result.andExpect(redirectedUrl("/auth/login"));
	}

	@Test
	void swaggerUiLoadsForViewer() throws Exception {
		ResultActions result = this.mockMvc
			.perform(get("/swagger-ui/index.html").with(httpBasic("viewer", TestUsers.PASSWORD)));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("swagger-ui")));
		result.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")));
	}

	@Test
	void swaggerConfigPointsAtApiDocs() throws Exception {
		ResultActions result = this.mockMvc
			.perform(get("/v3/api-docs/swagger-config").with(httpBasic("viewer", TestUsers.PASSWORD)));

		result.andExpect(status().isOk());
		result.andExpect(content().string(containsString("/v3/api-docs")));
	}

	// The paths of our own controllers under /api, written as OpenAPI writes them.
	private List<String> apiPaths() {
		return this.handlerMapping.getHandlerMethods()
			.keySet()
			.stream()
			.flatMap((info) -> info.getPatternValues().stream())
			.filter((pattern) -> pattern.startsWith("/api/"))
			.distinct()
			.sorted()
			.toList();
	}

}
