package ch.petziwebhook.dashboard.token;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
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
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of API tokens on the REST API: what a script with a token may read.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApiTokenTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private ApiTokenService tokens;

	private String token;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void seedTicketAndToken() {
		ReadModelFixtures fixtures = new ReadModelFixtures(this.jdbcClient);
		fixtures.deleteAll();
		fixtures.aFestivalTicketWithThreeSessions();
		this.token = this.tokens.create("script", "admin");
	}

	@Test
	void tokenReadsTickets() throws Exception {
		ResultActions result = withToken("/api/tickets/FEST-0001", this.token);

		result.andExpect(status().isOk());
		result.andExpect(jsonPath("$.number").value("FEST-0001"));
	}

	@Test
	void tokenGetsTicketWithoutBuyer() throws Exception {
		ResultActions result = withToken("/api/tickets/FEST-0001", this.token);

		result.andExpect(jsonPath("$.buyer").value(nullValue()));
	}

	@Test
	void tokenGetsPageWithoutBuyers() throws Exception {
		ResultActions result = withToken("/api/tickets", this.token);

		result.andExpect(jsonPath("$.content[0].buyer").value(nullValue()));
	}

	@Test
	void unknownTokenIsUnauthorized() throws Exception {
		ResultActions result = withToken("/api/tickets", "pzt_unknown");

		result.andExpect(status().isUnauthorized());
		result.andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""));
	}

	@Test
	void tokenUseIsRecorded() throws Exception {
		withToken("/api/events", this.token);

		assertThat(this.tokens.findAll()).allSatisfy((stored) -> assertThat(stored.lastUsedAt()).isNotNull());
	}

	@Test
	void tokenOpensNoSession() throws Exception {
		ResultActions result = withToken("/api/events", this.token);

		assertThat(result.andReturn().getRequest().getSession(false)).isNull();
	}

	private ResultActions withToken(String path, String token) throws Exception {
		return this.mockMvc.perform(get(path).header("Authorization", "Bearer " + token));
	}

}
