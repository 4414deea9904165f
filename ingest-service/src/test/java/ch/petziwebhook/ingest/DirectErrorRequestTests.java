package ch.petziwebhook.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests for the error path itself, over real HTTP: Spring Boot's error controller
 * reports 500 for them unless a filter responds first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DirectErrorRequestTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void deadBroker(DynamicPropertyRegistry registry) {
		// No request here publishes, so no broker is needed.
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + ClosedPort.find());
	}

	@Test
	void directErrorRequestIsNotFound() throws Exception {
		assertThat(send("GET", "/error").statusCode()).isEqualTo(404);
	}

	@Test
	void postToErrorIsNotFound() throws Exception {
		assertThat(send("POST", "/error").statusCode()).isEqualTo(404);
	}

	@Test
	void unsignedWebhookKeepsItsStatus() throws Exception {
		assertThat(send("POST", "/webhook").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
