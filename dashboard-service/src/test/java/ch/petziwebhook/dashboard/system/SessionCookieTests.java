package ch.petziwebhook.dashboard.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
 * Tests of the session cookie's attributes over real HTTP, where Tomcat writes them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SessionCookieTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private final HttpClient httpClient = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void cookieIsHttpOnlyAndSameSite() throws Exception {
		String cookie = sessionCookie(HttpRequest.newBuilder(loginPage()));

		assertThat(cookie).contains("HttpOnly");
		assertThat(cookie).contains("SameSite=Lax");
	}

	@Test
	void plainHttpCookieIsNotSecure() throws Exception {
		String cookie = sessionCookie(HttpRequest.newBuilder(loginPage()));

		assertThat(cookie).doesNotContain("Secure");
	}

	@Test
	void cookieBehindTlsProxyIsSecure() throws Exception {
		String cookie = sessionCookie(HttpRequest.newBuilder(loginPage()).header("X-Forwarded-Proto", "https"));

		assertThat(cookie).contains("Secure");
	}

	private URI loginPage() {
		return URI.create("http://127.0.0.1:" + this.port + "/auth/login");
	}

	private String sessionCookie(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No session cookie in " + response.headers().map()));
	}

}
