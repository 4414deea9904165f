package ch.petziwebhook.ingest.webhook;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import ch.petziwebhook.ingest.RawTopicRecords;
import ch.petziwebhook.ingest.WebhookClient;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.web.context.support.ServletRequestHandledEvent;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "petzi.webhook.secrets=" + PetziSamples.SECRET)
@EmbeddedKafka(topics = PetziTopics.RAW, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ExtendWith(OutputCaptureExtension.class)
class WebhookControllerTests {

	private static final int MAX_BODY_SIZE = 1024 * 1024;

	private static final Map<String, String> TICKET_NUMBERS = Map.of(PetziSamples.SINGLE_SESSION, "TEST8841KQ2ZAB",
			PetziSamples.FESTIVAL, "TEST5502FESTPA", PetziSamples.UNICODE, "TEST0093UNIC0D",
			PetziSamples.PRICE_DECIMALS, "TEST7720DEC5250", PetziSamples.MINIMAL_NULLS, "TEST3300MINNUL",
			PetziSamples.UNKNOWN_FIELDS, "TEST6161FWDCMP", PetziSamples.SIMULATOR_BYTES, "TEST2941SIMSTY",
			PetziSamples.HOSTILE_STRINGS, "TEST6666H0ST1L", PetziSamples.BUYER_CORRECTED, "TEST5502FESTPA",
			PetziSamples.CANCELLATION, "TEST8841KQ2ZAB");

	private static final List<ServletRequestHandledEvent> requestHandledEvents = new CopyOnWriteArrayList<>();

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	private WebhookClient client;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	static Stream<String> samples() {
		return PetziSamples.ALL.stream();
	}

	@BeforeEach
	void createClient() {
		this.client = new WebhookClient(this.port);
	}

	@ParameterizedTest
	@MethodSource("samples")
	void acceptsAndPublishesSample(String sample) {
		HttpResponse<String> response = this.client.postSample(sample);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode receipt = WebhookClient.json(response);
		assertThat(receipt.path("status").asString()).isEqualTo("accepted");
		String deliveryId = receipt.path("deliveryId").asString();
		assertThat(UUID.fromString(deliveryId)).hasToString(deliveryId);

		ConsumerRecord<String, byte[]> record = RawTopicRecords.find(this.broker, deliveryId);
		assertThat(record.value()).isEqualTo(PetziSamples.body(sample));
		assertThat(record.key()).isEqualTo(TICKET_NUMBERS.get(sample));
		assertThat(RawTopicRecords.header(record, PetziHeaders.RECEIVED_AT)).hasValue("2025-01-01T12:00:00Z");
		assertThat(RawTopicRecords.header(record, PetziHeaders.SIGNATURE_TIMESTAMP)).hasValue("1735732800");
		assertThat(RawTopicRecords.header(record, PetziHeaders.PETZI_VERSION)).hasValue("2");
	}

	@Test
	void receiptIsJsonWithLength() {
		HttpResponse<String> response = this.client.postSample(PetziSamples.SINGLE_SESSION);

		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("Content-Length"))
			.hasValue(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
		assertThat(response.body())
			.isEqualTo("{\"status\":\"accepted\",\"deliveryId\":\"" + deliveryId(response) + "\"}");
	}

	@Test
	void logsOneLinePerAcceptedDelivery(CapturedOutput output) {
		HttpResponse<String> response = this.client.postSample(PetziSamples.FESTIVAL);

		String deliveryId = deliveryId(response);
		List<String> lines = output.getOut().lines().filter((line) -> line.contains(deliveryId)).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains("Accepted delivery " + deliveryId + " for ticket ");
		assertThat(lines.get(0)).containsPattern(" at " + PetziTopics.RAW.replace(".", "\\.") + "-\\d+@\\d+$");
	}

	@Test
	void publishesNoRequestHandledEvents() {
		// When the client reuses the connection, Tomcat reads the second request only
		// after the first one has finished, including any event published at its end.
		HttpResponse<String> first = this.client.postSample(PetziSamples.SINGLE_SESSION);
		HttpResponse<String> second = this.client.postSample(PetziSamples.FESTIVAL);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(requestHandledEvents).isEmpty();
	}

	@Test
	void insertPathAcceptsSample() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);

		HttpResponse<String> response = this.client.send(
				this.client.petziRequest("/insert", body, PetziSamples.signature(PetziSamples.SINGLE_SESSION)).build());

		assertThat(response.statusCode()).isEqualTo(200);
		ConsumerRecord<String, byte[]> record = RawTopicRecords.find(this.broker, deliveryId(response));
		assertThat(record.value()).isEqualTo(body);
		assertThat(record.key()).isEqualTo("TEST8841KQ2ZAB");
	}

	@Test
	void omitsVersionHeaderWhenNotSent() {
		byte[] body = PetziSamples.body(PetziSamples.UNICODE);

		HttpResponse<String> response = this.client.send(this.client.request("/webhook")
			.header("Content-Type", "application/json")
			.header(PetziHeaders.SIGNATURE, PetziSamples.signature(PetziSamples.UNICODE))
			.POST(BodyPublishers.ofByteArray(body))
			.build());

		assertThat(response.statusCode()).isEqualTo(200);
		ConsumerRecord<String, byte[]> record = RawTopicRecords.find(this.broker, deliveryId(response));
		assertThat(RawTopicRecords.header(record, PetziHeaders.PETZI_VERSION)).isEmpty();
	}

	@Test
	void acceptsNonJsonBodyKeyedByDeliveryId() {
		byte[] body = "this is not JSON".getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> response = this.client.post(body, sign(body, PetziSamples.SIGNED_AT));

		assertThat(response.statusCode()).isEqualTo(200);
		String deliveryId = deliveryId(response);
		ConsumerRecord<String, byte[]> record = RawTopicRecords.find(this.broker, deliveryId);
		assertThat(record.key()).isEqualTo(deliveryId);
		assertThat(record.value()).isEqualTo(body);
	}

	@Test
	void acceptsJsonWithoutTicketKeyedByDeliveryId() {
		byte[] body = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> response = this.client.post(body, sign(body, PetziSamples.SIGNED_AT));

		assertThat(response.statusCode()).isEqualTo(200);
		String deliveryId = deliveryId(response);
		assertThat(RawTopicRecords.find(this.broker, deliveryId).key()).isEqualTo(deliveryId);
	}

	@Test
	void rejectsChangedBodyByte() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		body[body.length / 2] ^= 1;

		HttpResponse<String> response = this.client.post(body, PetziSamples.signature(PetziSamples.SINGLE_SESSION));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(WebhookClient.json(response).path("type").asString())
			.isEqualTo("urn:petzi-webhook:problem:invalid-signature");
	}

	@Test
	void rejectsChangedSignatureCharacter() {
		String signature = PetziSamples.signature(PetziSamples.SINGLE_SESSION);
		char last = signature.charAt(signature.length() - 1);
		String changed = signature.substring(0, signature.length() - 1) + ((last == '0') ? '1' : '0');

		HttpResponse<String> response = this.client.post(PetziSamples.body(PetziSamples.SINGLE_SESSION), changed);

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void rejectsMissingSignature() {
		HttpResponse<String> response = this.client.send(this.client.request("/webhook")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(PetziSamples.body(PetziSamples.SINGLE_SESSION)))
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(WebhookClient.json(response).path("detail").asString()).isEqualTo("Missing Petzi-Signature header");
	}

	@Test
	void rejectsMalformedSignature() {
		HttpResponse<String> response = this.client.post(PetziSamples.body(PetziSamples.SINGLE_SESSION),
				"t=yesterday,v1=abc");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(WebhookClient.json(response).path("type").asString())
			.isEqualTo("urn:petzi-webhook:problem:malformed-signature");
	}

	@Test
	void rejectsStaleTimestamp() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);

		HttpResponse<String> response = this.client.post(body, sign(body, PetziSamples.SIGNED_AT - 301));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(WebhookClient.json(response).path("detail").asString()).contains("301 seconds ago");
	}

	@Test
	void rejectsFutureTimestamp() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);

		HttpResponse<String> response = this.client.post(body, sign(body, PetziSamples.SIGNED_AT + 301));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(WebhookClient.json(response).path("detail").asString()).contains("301 seconds in the future");
	}

	@Test
	void acceptsTimestampAtWindowEdge() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);

		HttpResponse<String> response = this.client.post(body, sign(body, PetziSamples.SIGNED_AT - 300));

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void rejectsOversizedBodyWithContentLength() {
		byte[] body = oversizedBody();

		HttpResponse<String> response = this.client.post(body, sign(body, PetziSamples.SIGNED_AT));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(WebhookClient.json(response).path("detail").asString()).contains("(Content-Length)");
	}

	@Test
	void rejectsOversizedChunkedBody() {
		byte[] body = oversizedBody();

		HttpResponse<String> response = this.client.send(this.client.request("/webhook")
			.header("Content-Type", "application/json")
			.header(PetziHeaders.SIGNATURE, sign(body, PetziSamples.SIGNED_AT))
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(WebhookClient.json(response).path("detail").asString())
			.isEqualTo("Body is over the limit of " + MAX_BODY_SIZE + " bytes");
	}

	@Test
	void acceptsChunkedBody() {
		byte[] body = PetziSamples.body(PetziSamples.FESTIVAL);

		HttpResponse<String> response = this.client.send(this.client.request("/webhook")
			.header("Content-Type", "application/json")
			.header(PetziHeaders.SIGNATURE, PetziSamples.signature(PetziSamples.FESTIVAL))
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(RawTopicRecords.find(this.broker, deliveryId(response)).value()).isEqualTo(body);
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json; charset=UTF-8", "application/vnd.petzi+json" })
	void acceptsJsonContentTypes(String contentType) {
		HttpResponse<String> response = this.client
			.send(this.client
				.petziRequest("/webhook", PetziSamples.body(PetziSamples.CANCELLATION),
						PetziSamples.signature(PetziSamples.CANCELLATION))
				.setHeader("Content-Type", contentType)
				.build());

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/*", "not a type" })
	void rejectsOtherContentTypes(String contentType) {
		HttpResponse<String> response = this.client
			.send(this.client
				.petziRequest("/webhook", PetziSamples.body(PetziSamples.CANCELLATION),
						PetziSamples.signature(PetziSamples.CANCELLATION))
				.setHeader("Content-Type", contentType)
				.build());

		assertThat(response.statusCode()).isEqualTo(415);
	}

	@Test
	void rejectsMissingSignatureBeforeBody() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			// Waits for at most 10 s, far less than the server's wait for a body that
			// never comes.
			socket.setSoTimeout(10_000);
			String headers = "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 1000\r\n\r\n";
			socket.getOutputStream().write(headers.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();

			String statusLine = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();

			assertThat(statusLine).isEqualTo("HTTP/1.1 401 ");
		}
	}

	@Test
	void rejectsMissingContentType() {
		HttpResponse<String> response = this.client.send(this.client.request("/webhook")
			.header(PetziHeaders.SIGNATURE, PetziSamples.signature(PetziSamples.CANCELLATION))
			.POST(BodyPublishers.ofByteArray(PetziSamples.body(PetziSamples.CANCELLATION)))
			.build());

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(WebhookClient.json(response).path("detail").asString())
			.isEqualTo("Missing Content-Type, expected application/json");
	}

	@Test
	void rejectionIsProblemDetail() {
		HttpResponse<String> response = this.client.post(PetziSamples.body(PetziSamples.SINGLE_SESSION),
				"t=1735732800");

		JsonNode problem = WebhookClient.json(response);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(problem.path("type").asString()).isEqualTo("urn:petzi-webhook:problem:malformed-signature");
		assertThat(problem.path("title").asString()).isEqualTo("Malformed signature");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("detail").asString()).isEqualTo("Petzi-Signature has no v1=<hex> part");
	}

	@Test
	void problemsHideSecretAndExpectedMac() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		byte[] changed = Arrays.copyOf(body, body.length);
		changed[10] ^= 1;
		String expectedMac = macOf(sign(changed, PetziSamples.SIGNED_AT));
		String signature = PetziSamples.signature(PetziSamples.SINGLE_SESSION);

		List<HttpResponse<String>> rejections = List.of(this.client.post(changed, signature),
				this.client.post(body, sign(body, PetziSamples.SIGNED_AT + 1000)),
				this.client.post(body, "t=1735732800,v1=zz"));

		for (HttpResponse<String> rejection : rejections) {
			assertThat(rejection.statusCode()).isBetween(400, 401);
			assertThat(rejection.body()).doesNotContain(PetziSamples.SECRET);
			assertThat(rejection.body()).doesNotContainIgnoringCase(expectedMac);
		}
	}

	@Test
	void rejectsGetWithProblemDetail() {
		HttpResponse<String> response = this.client.send(this.client.request("/webhook").GET().build());

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(WebhookClient.json(response).path("status").asInt()).isEqualTo(405);
	}

	@Test
	void exposesHealthAndPrometheus() {
		HttpResponse<String> health = this.client.send(this.client.request("/actuator/health").GET().build());
		this.client.postSample(PetziSamples.MINIMAL_NULLS);
		HttpResponse<String> prometheus = this.client.send(this.client.request("/actuator/prometheus").GET().build());

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("http_server_requests_seconds_count");
	}

	private static String sign(byte[] body, long timestamp) {
		return new WebhookSigner(PetziSamples.SECRET).header(timestamp, body);
	}

	private static String macOf(String signature) {
		return signature.substring(signature.indexOf("v1=") + 3);
	}

	private static byte[] oversizedBody() {
		byte[] body = new byte[MAX_BODY_SIZE + 1];
		Arrays.fill(body, (byte) 'a');
		return body;
	}

	private static String deliveryId(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		return WebhookClient.json(response).path("deliveryId").asString();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RequestHandledEventsConfiguration {

		@Bean
		ApplicationListener<ServletRequestHandledEvent> requestHandledEventRecorder() {
			return requestHandledEvents::add;
		}

	}

}
