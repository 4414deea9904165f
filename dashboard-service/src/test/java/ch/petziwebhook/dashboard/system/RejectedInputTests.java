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
 * Tests over real HTTP of requests that used to end in 500: a value PostgreSQL rejects,
 * and a request for the error path itself; and of the error page naming an invalid
 * parameter.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RejectedInputTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private final HttpClient httpClient = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void nulInSearchIsBadRequest() throws Exception {
		HttpResponse<String> response = get("/dashboard/tickets?q=%00", true);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception");
		assertThat(response.body()).contains("Invalid request value: it contains a character that the database "
				+ "cannot store, such as a NUL character");
	}

	@Test
	void nulInApiSearchIsProblemDetail() throws Exception {
		HttpResponse<String> response = get("/api/tickets?q=%00", true, "application/json");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains("\"detail\":\"Invalid request value: it contains a character that "
				+ "the database cannot store, such as a NUL character\"");
	}

	@Test
	void directErrorRequestIsNotFound() throws Exception {
		HttpResponse<String> response = get("/error", false);

		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void directErrorRequestAfterLoginIsNotFound() throws Exception {
		HttpResponse<String> response = get("/error?status=200", true);

		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void realErrorsKeepTheirStatus() throws Exception {
		HttpResponse<String> response = get("/dashboard/tickets?page=abc", true);

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void badPageParameterNamedOnErrorPage() throws Exception {
		HttpResponse<String> response = get("/dashboard/tickets?page=-1", true);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Invalid parameter &#39;page&#39;: must be greater than or equal to 0");
	}

	@Test
	void longSearchNamedOnErrorPage() throws Exception {
		HttpResponse<String> response = get("/dashboard/tickets?q=" + "x".repeat(101), true);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Invalid parameter &#39;q&#39;: size must be between 0 and 100");
	}

	@Test
	void textPageParameterNamedOnErrorPage() throws Exception {
		HttpResponse<String> response = get("/dashboard/tickets?page=abc", true);

		assertThat(response.body()).contains("Invalid parameter &#39;page&#39;: must be an integer");
	}

	private HttpResponse<String> get(String path, boolean loggedIn) throws IOException, InterruptedException {
		return get(path, loggedIn, "text/html");
	}

	private HttpResponse<String> get(String path, boolean loggedIn, String accept)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept);
		if (loggedIn) {
			String credentials = "admin:" + DashboardTestDatabase.ADMIN_PASSWORD;
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
