package ch.petziwebhook.endtoend;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the whole pipeline: signed webhooks over HTTP into the ingest process, through a
 * real Kafka broker into the projector process and PostgreSQL, and out of the dashboard
 * process's API and pages. Each service runs from its executable jar as its own JVM.
 */
class PipelineEndToEndTests {

	private static final String SECRET = "end-to-end-secret";

	private static final String ADMIN = "admin";

	private static final String ADMIN_PASSWORD = "end-to-end-admin-password";

	private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(90);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static EmbeddedKafkaKraftBroker broker;

	private static ServiceProcess ingest;

	private static ServiceProcess projector;

	private static ServiceProcess dashboard;

	@BeforeAll
	static void startSystem() {
		// One partition per topic, so that the delivery after a poison one shares its
		// partition.
		broker = new EmbeddedKafkaKraftBroker(1, 1, PetziTopics.RAW, PetziTopics.DEAD_LETTER);
		broker.afterPropertiesSet();
		TestDatabase database = TestDatabase.create();

		Map<String, String> kafka = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.getBrokersAsString());
		Map<String, String> postgres = Map.of("SPRING_DATASOURCE_URL", database.jdbcUrl(), "SPRING_DATASOURCE_USERNAME",
				database.username(), "SPRING_DATASOURCE_PASSWORD", database.password());
		String spool = Path.of("target", "e2e-spool-" + UUID.randomUUID()).toAbsolutePath().toString();
		ingest = ServiceProcess.start("ingest-service",
				merge(kafka, Map.of("PETZI_WEBHOOK_SECRETS", SECRET, "PETZI_SPOOL_DIRECTORY", spool)));
		projector = ServiceProcess.start("projector-service", merge(kafka, postgres));
		dashboard = ServiceProcess.start("dashboard-service",
				merge(kafka, postgres, Map.of("PETZI_ADMIN_USERNAME", ADMIN, "PETZI_ADMIN_PASSWORD", ADMIN_PASSWORD)));

		ingest.awaitHealthy();
		projector.awaitHealthy();
		dashboard.awaitHealthy();
	}

	@AfterAll
	static void stopSystem() {
		for (ServiceProcess service : new ServiceProcess[] { dashboard, projector, ingest }) {
			if (service != null) {
				service.close();
			}
		}
		if (broker != null) {
			broker.destroy();
		}
	}

	@Test
	void samplesBecomeTicketsInApi() throws Exception {
		for (String sample : PetziSamples.ALL) {
			assertAccepted(sample, postSigned(PetziSamples.body(sample)));
		}
		assertAccepted("duplicate", postSigned(PetziSamples.body(PetziSamples.SINGLE_SESSION)));

		await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> {
			JsonNode single = getJson("/api/tickets/TEST8841KQ2ZAB");
			assertThat(single.path("status").asString()).isEqualTo("cancelled");
		});
		await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(sampleTicketNumbers()).hasSize(8));

		JsonNode festival = getJson("/api/tickets/TEST5502FESTPA");
		assertThat(festival.path("sessions").size()).isEqualTo(3);
		assertThat(festival.path("buyer").path("firstName").asString()).isEqualTo("Marc-André");
		JsonNode decimals = getJson("/api/tickets/" + ticketNumberOf(PetziSamples.PRICE_DECIMALS));
		assertThat(decimals.path("price").path("amount").asString()).isEqualTo("52.50");
		JsonNode all = getJson("/api/tickets?page=0&size=200");
		long valid = all.path("content")
			.valueStream()
			.filter((t) -> "valid".equals(t.path("status").asString()))
			.count();
		assertThat(all.path("totalElements").asLong()).isEqualTo(valid + 1);
		assertThat(validTicketsOfAllEvents()).isEqualTo(valid);
	}

	@Test
	void poisonGoesToDeadLetterTopic() throws Exception {
		byte[] poison = ("not json " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		byte[] next = new String(PetziSamples.body(PetziSamples.SINGLE_SESSION), StandardCharsets.UTF_8)
			.replace("TEST8841KQ2ZAB", "TESTE2EAFTERPOISON")
			.getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> poisonResponse = postSigned(poison);
		HttpResponse<String> nextResponse = postSigned(next);

		assertAccepted("poison", poisonResponse);
		assertAccepted("after poison", nextResponse);
		String deliveryId = json.readTree(poisonResponse.body()).path("deliveryId").asString();
		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(deliveryId);
		assertThat(dead.value()).isEqualTo(poison);
		await().atMost(PROJECTION_TIMEOUT)
			.untilAsserted(() -> assertThat(getJson("/api/tickets/TESTE2EAFTERPOISON").path("number").asString())
				.isEqualTo("TESTE2EAFTERPOISON"));
	}

	@Test
	void pageShowsTicketsAfterLogin() throws Exception {
		assertAccepted("festival", postSigned(PetziSamples.body(PetziSamples.FESTIVAL)));
		await().atMost(PROJECTION_TIMEOUT)
			.untilAsserted(() -> assertThat(getJson("/api/tickets/TEST5502FESTPA").path("number").asString())
				.isEqualTo("TEST5502FESTPA"));
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();

		HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(dashboard.uri("/api/tickets")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> page = logIn(browser);

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/dashboard/tickets");
		assertThat(page.body()).contains("TEST5502FESTPA");
		assertThat(page.body()).containsPattern("/webjars/tabler__core/[0-9.]*/?dist/css/tabler.min.css");
	}

	@Test
	void settingsSecretReachesIngest() throws Exception {
		String rotated = "rotated-secret-" + UUID.randomUUID();
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		logIn(browser);

		// Once the settings topic has secrets, they replace ingest's configured ones, so
		// keep
		// the secret the other tests sign with in a slot of its own.
		assertThat(addSecret(browser, "current", SECRET).statusCode()).isEqualTo(200);
		assertThat(addSecret(browser, "rotated", rotated).statusCode()).isEqualTo(200);

		byte[] body = PetziSamples.body(PetziSamples.UNICODE);
		await().atMost(PROJECTION_TIMEOUT)
			.untilAsserted(() -> assertAccepted("signed with the new secret", postSigned(body, rotated)));
		assertAccepted("signed with the kept secret", postSigned(body, SECRET));
		assertThat(postSigned(body, "never-configured-secret").statusCode()).isEqualTo(401);
	}

	private static HttpResponse<String> addSecret(HttpClient browser, String slot, String secret)
			throws IOException, InterruptedException {
		HttpResponse<String> settings = browser.send(
				HttpRequest.newBuilder(dashboard.uri("/dashboard/settings")).build(),
				HttpResponse.BodyHandlers.ofString());
		String form = "slot=" + encode(slot) + "&secret=" + encode(secret) + "&_csrf=" + encode(csrfToken(settings));
		HttpRequest request = HttpRequest.newBuilder(dashboard.uri("/dashboard/settings/secrets"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return browser.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void monitoringUsesExportedMetrics() throws Exception {
		assertAccepted("single session", postSigned(PetziSamples.body(PetziSamples.SINGLE_SESSION)));
		HttpResponse<String> rejected = http.send(HttpRequest.newBuilder(ingest.uri("/webhook"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(rejected.statusCode()).isEqualTo(401);
		await().atMost(PROJECTION_TIMEOUT)
			.untilAsserted(() -> assertThat(exportedMetrics(projector)).contains("petzi_projector_deliveries_total"));

		Set<String> exported = new TreeSet<>();
		for (ServiceProcess service : List.of(ingest, projector, dashboard)) {
			exported.addAll(exportedMetrics(service));
		}

		for (String expression : DeploymentFiles.monitoringExpressions()) {
			Set<String> used = new TreeSet<>(DeploymentFiles.metricNames(expression));
			// Prometheus itself records up for every scrape target.
			used.remove("up");
			assertThat(exported).as(expression).containsAll(used);
		}
	}

	private static Set<String> exportedMetrics(ServiceProcess service) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(service.uri("/actuator/prometheus")).build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("/actuator/prometheus of %s", service.uri("")).isEqualTo(200);
		return response.body()
			.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static HttpResponse<String> logIn(HttpClient browser) throws IOException, InterruptedException {
		HttpResponse<String> form = browser.send(HttpRequest.newBuilder(dashboard.uri("/dashboard/tickets")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(form.uri().getPath()).isEqualTo("/auth/login");
		String credentials = "username=" + encode(ADMIN) + "&password=" + encode(ADMIN_PASSWORD) + "&_csrf="
				+ encode(csrfToken(form));
		HttpRequest login = HttpRequest.newBuilder(dashboard.uri("/auth/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(credentials))
			.build();
		return browser.send(login, HttpResponse.BodyHandlers.ofString());
	}

	private static String csrfToken(HttpResponse<String> page) {
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).as("%s has a form with a CSRF token", page.uri()).isTrue();
		return csrf.group(1);
	}

	private static HttpResponse<String> postSigned(byte[] body) throws IOException, InterruptedException {
		return postSigned(body, SECRET);
	}

	private static HttpResponse<String> postSigned(byte[] body, String secret)
			throws IOException, InterruptedException {
		String signature = new WebhookSigner(secret).header(Instant.now().getEpochSecond(), body);
		HttpRequest request = HttpRequest.newBuilder(ingest.uri("/webhook"))
			.header("Content-Type", "application/json")
			.header("Petzi-Signature", signature)
			.header("Petzi-Version", "2")
			.header("User-Agent", "PETZI webhook")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode getJson(String path) throws IOException, InterruptedException {
		String basic = Base64.getEncoder()
			.encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(dashboard.uri(path))
			.header("Authorization", "Basic " + basic)
			.header("Accept", "application/json")
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<String> sampleTicketNumbers() throws IOException, InterruptedException {
		List<String> numbers = PetziSamples.ALL.stream().map(PipelineEndToEndTests::ticketNumberOf).distinct().toList();
		JsonNode page = getJson("/api/tickets?page=0&size=200");
		return page.path("content")
			.valueStream()
			.map((ticket) -> ticket.path("number").asString())
			.filter(numbers::contains)
			.toList();
	}

	private static long validTicketsOfAllEvents() throws IOException, InterruptedException {
		long valid = 0;
		for (JsonNode event : getJson("/api/events")) {
			valid += event.path("validTickets").asInt();
		}
		return valid;
	}

	private static String ticketNumberOf(String sample) {
		JsonNode body = json.readTree(PetziSamples.body(sample));
		return body.path("details").path("ticket").path("number").asString();
	}

	private static ConsumerRecord<String, byte[]> awaitDeadLetter(String deliveryId) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "end-to-end-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(PetziTopics.DEAD_LETTER));
			Instant deadline = Instant.now().plus(PROJECTION_TIMEOUT);
			while (Instant.now().isBefore(deadline)) {
				ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
				for (ConsumerRecord<String, byte[]> record : records) {
					if (deliveryId.equals(header(record, PetziHeaders.DELIVERY_ID))) {
						return record;
					}
				}
			}
		}
		throw new AssertionError("No record of delivery " + deliveryId + " on " + PetziTopics.DEAD_LETTER);
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static void assertAccepted(String description, HttpResponse<String> response) {
		assertThat(response.statusCode()).as("%s: %s", description, response.body()).isEqualTo(200);
		assertThat(response.body()).as(description).contains("\"status\":\"accepted\"");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@SafeVarargs
	private static Map<String, String> merge(Map<String, String>... maps) {
		Map<String, String> merged = new HashMap<>();
		for (Map<String, String> map : maps) {
			merged.putAll(map);
		}
		return merged;
	}

}
