package ch.petziwebhook.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.petziwebhook.deploy.SampleFeeder.Delivery;
import ch.petziwebhook.model.SignatureVerifier;
import ch.petziwebhook.model.WebhookSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests of {@link SampleFeeder} against a JDK HTTP server on a random port that checks
 * each signature the way ingest does.
 */
class SampleFeederTests {

	private static final Path SAMPLES = Path.of("../../common-model/src/test/resources/petzi-samples");

	private static final String SECRET = "feeder-test-secret";

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private int status = 200;

	record Request(String path, Headers headers, byte[] body) {

	}

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/webhook", this::receive);
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void sendsSamplesInOrder() throws Exception {
		List<Delivery> deliveries = feeder().feed(SAMPLES);

		assertThat(deliveries).extracting((delivery) -> delivery.file().getFileName().toString())
			.containsExactly("ticket_created_hostile_strings.json", "ticket_created_minimal_nulls.json",
					"ticket_created_multi_session_festival.json", "ticket_created_price_decimals.json",
					"ticket_created_simulator_bytes.json", "ticket_created_single_session.json",
					"ticket_created_single_session.json", "ticket_created_unicode.json",
					"ticket_created_unknown_fields.json", "ticket_updated_buyer_corrected.json",
					"ticket_updated_cancellation.json");
	}

	@Test
	void sendsEveryFileByteExact() throws Exception {
		List<Delivery> deliveries = feeder().feed(SAMPLES);

		for (int i = 0; i < deliveries.size(); i++) {
			assertThat(this.requests.get(i).body()).isEqualTo(Files.readAllBytes(deliveries.get(i).file()));
		}
	}

	@Test
	void signsWithSecretAndCurrentTime() throws Exception {
		SignatureVerifier verifier = new SignatureVerifier(List.of(SECRET), Duration.ofSeconds(60), Clock.systemUTC());

		feeder().feed(SAMPLES);

		for (Request request : this.requests) {
			assertThatNoException()
				.isThrownBy(() -> verifier.verify(request.headers().getFirst("Petzi-Signature"), request.body()));
		}
	}

	@Test
	void sendsPetziHeaders() throws Exception {
		feeder().send(SAMPLES.resolve("ticket_created_unicode.json"));

		Headers headers = this.requests.get(0).headers();
		assertThat(headers.getFirst("Content-Type")).isEqualTo("application/json");
		assertThat(headers.getFirst("Petzi-Version")).isEqualTo("2");
		assertThat(headers.getFirst("User-Agent")).isEqualTo("PETZI webhook");
	}

	@Test
	void postsToWebhookPath() throws Exception {
		feeder().send(SAMPLES.resolve("ticket_created_unicode.json"));

		assertThat(this.requests.get(0).path()).isEqualTo("/webhook");
	}

	@Test
	void acceptsOnlyStatus200() throws Exception {
		this.status = 401;

		Delivery delivery = feeder().send(SAMPLES.resolve("ticket_created_unicode.json"));

		assertThat(delivery.status()).isEqualTo(401);
		assertThat(delivery.accepted()).isFalse();
	}

	@Test
	void reportsRefusedConnection() throws Exception {
		URI closed = URI.create("http://127.0.0.1:" + unusedPort() + "/webhook");
		SampleFeeder feeder = new SampleFeeder(HttpClient.newHttpClient(), closed, new WebhookSigner(SECRET),
				Clock.systemUTC());

		Delivery delivery = feeder.send(SAMPLES.resolve("ticket_created_unicode.json"));

		assertThat(delivery.accepted()).isFalse();
		assertThat(delivery.error()).contains("ConnectException");
	}

	private SampleFeeder feeder() {
		URI endpoint = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/webhook");
		return new SampleFeeder(HttpClient.newHttpClient(), endpoint, new WebhookSigner(SECRET), Clock.systemUTC());
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			this.requests.add(
					new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body.readAllBytes()));
		}
		exchange.sendResponseHeaders(this.status, -1);
		exchange.close();
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
