package ch.petziwebhook.endtoend;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log format of a service run from its executable jar: plain text by default, one JSON
 * object per line with {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, and no buyer data
 * or secret in either. Ingest runs without a broker, so it spools what it accepts and
 * needs nothing else.
 */
class StructuredLogsEndToEndTests {

	private static final String SECRET = "structured-logs-secret";

	// The buyer's last name in the festival sample.
	private static final String BUYER_NAME = "Beispiel";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void ecsFormatWritesJsonLines() throws Exception {
		List<String> lines = runIngestAndAccept(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));

		JsonNode accepted = acceptedLine(lines);
		assertThat(accepted.path("log").path("level").asString()).isEqualTo("INFO");
		assertThat(accepted.path("service").path("name").asString()).isEqualTo("ingest-service");
		assertThat(accepted.has("@timestamp")).isTrue();
	}

	@Test
	void ecsFormatKeepsBuyerDataOut() throws Exception {
		List<String> lines = runIngestAndAccept(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));

		assertThat(String.join("\n", lines)).doesNotContain(BUYER_NAME);
		assertThat(String.join("\n", lines)).doesNotContain(SECRET);
	}

	@Test
	void plainTextByDefault() throws Exception {
		List<String> lines = runIngestAndAccept(Map.of());

		String accepted = lines.stream().filter((line) -> line.contains("Accepted delivery")).findFirst().orElseThrow();
		assertThat(accepted).doesNotStartWith("{");
	}

	private static JsonNode acceptedLine(List<String> lines) {
		return lines.stream()
			.filter((line) -> line.startsWith("{"))
			.map(json::readTree)
			.filter((node) -> node.path("message").asString().startsWith("Accepted delivery"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No JSON line with message 'Accepted delivery ...'"));
	}

	/**
	 * Starts ingest with the extra environment, sends it the festival sample, stops it
	 * and returns its output lines.
	 */
	private static List<String> runIngestAndAccept(Map<String, String> extraEnvironment) throws Exception {
		Path spool = Path.of("target", "logs-spool-" + UUID.randomUUID()).toAbsolutePath();
		Map<String, String> environment = new HashMap<>(extraEnvironment);
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort());
		environment.put("PETZI_WEBHOOK_SECRETS", SECRET);
		environment.put("PETZI_SPOOL_DIRECTORY", spool.toString());
		environment.put("PETZI_WEBHOOK_PUBLISH_TIMEOUT", "2s");
		Path log;
		try (ServiceProcess ingest = ServiceProcess.start("ingest-service", environment)) {
			ingest.awaitHealthy();
			HttpResponse<String> response = postSigned(ingest, PetziSamples.body(PetziSamples.FESTIVAL));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			log = ingest.log();
		}
		return Files.readAllLines(log, StandardCharsets.UTF_8);
	}

	private static HttpResponse<String> postSigned(ServiceProcess ingest, byte[] body)
			throws IOException, InterruptedException {
		String signature = new WebhookSigner(SECRET).header(Instant.now().getEpochSecond(), body);
		HttpRequest request = HttpRequest.newBuilder(ingest.uri("/webhook"))
			.header("Content-Type", "application/json")
			.header("Petzi-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
