package ch.petziwebhook.dashboard.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the error page over real HTTP, where Tomcat forwards errors to {@code /error}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ErrorPageTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private final HttpClient httpClient = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void badPageParameterRendersErrorPage() throws Exception {
		HttpResponse<String> response = getPage("/dashboard/tickets?page=abc");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("tabler.min.css");
		assertThat(response.body()).contains("Back to the tickets");
	}

	@Test
	void errorPageHidesStackTrace() throws Exception {
		HttpResponse<String> response = getPage("/dashboard/tickets?page=abc");

		assertThat(response.body()).doesNotContain("Exception");
		assertThat(response.body()).doesNotContain("at org.springframework");
	}

	@Test
	void unknownPageRendersNotFound() throws Exception {
		HttpResponse<String> response = getPage("/dashboard/nowhere");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("404");
	}

	private HttpResponse<String> getPage(String path) throws IOException, InterruptedException {
		String credentials = "admin:" + DashboardTestDatabase.ADMIN_PASSWORD;
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", "text/html")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.build();
		return this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
