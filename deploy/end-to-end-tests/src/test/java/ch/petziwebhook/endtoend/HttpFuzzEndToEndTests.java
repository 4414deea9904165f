package ch.petziwebhook.endtoend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fuzz pass against the running ingest and dashboard processes: malformed request lines
 * and headers, wrong methods, path tricks, oversized and slow bodies, and SQL, script,
 * template and spreadsheet formula text in every parameter of every route. Requests go
 * through raw sockets, so nothing between the test and the server repairs them. Every
 * response must have a status below 500 and no stack trace, and no anonymous response may
 * contain the data of the buyer seeded through a signed webhook.
 */
// Webhooks first: the settings forms the fuzz pass posts to can replace ingest's secrets.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpFuzzEndToEndTests {

	private static final String SECRET = "fuzz-secret";

	private static final String ADMIN = "admin";

	private static final String ADMIN_PASSWORD = "fuzz-admin-password";

	private static final String TICKET = "FUZZ-TICKET-1";

	private static final long PETZI_EVENT_ID = 61234;

	// Buyer values that appear nowhere else, so finding one in a response means a leak.
	private static final List<String> BUYER_DATA = List.of("Quillonette", "Vornbruckel", "PLZ-73519",
			"fuzz.buyer@example.test");

	// Statuses HTTP defines for requests the server cannot take as HTTP/1.1: 505 (HTTP
	// Version Not Supported) and 501 (Not Implemented) for an unknown transfer coding.
	// Tomcat sends them before any application code runs.
	private static final Set<Integer> PROTOCOL_STATUSES = Set.of(501, 505);

	private static final List<String> STACK_TRACE_MARKERS = List.of("Exception", "at ch.", "at org.", "at java.");

	// The server's read timeout, short so that a stalled upload costs seconds.
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(20);

	private static final List<String> HOSTILE_VALUES = List.of("' OR '1'='1", "1; DROP TABLE read_model.tickets; --",
			"1' UNION SELECT buyer_email FROM read_model.tickets --", "<script>alert(1)</script>",
			"\"><img src=x onerror=alert(1)>", "=HYPERLINK(\"http://127.0.0.1/x\",\"y\")", "@SUM(1+1)", "+41", "-1",
			"0", "99999999999999999999", "NaN", "1e400", "\u0000", "../../../../etc/passwd",
			"${jndi:ldap://127.0.0.1/x}", "__${T(java.lang.Runtime).getRuntime()}__::.x", "{{7*7}}", "Zoë 🎉 \u202e",
			"A".repeat(5000), "", " ", "%", "\\", "a\r\nSet-Cookie: x=y");

	private static final List<Route> DASHBOARD_ROUTES = List.of(new Route("GET", "/api/tickets", "page", "size"),
			new Route("GET", "/api/tickets/{}"), new Route("GET", "/api/buyers", "page", "size"),
			new Route("GET", "/api/locations", "page", "size"), new Route("GET", "/api/sessions", "page", "size"),
			new Route("GET", "/api/events", "page", "size"), new Route("GET", "/api/events/{}/sales"),
			new Route("GET", "/api/sales", "days"), new Route("GET", "/api/events/{}/tickets.csv", "delimiter"),
			new Route("GET", "/download_csv", "event_id", "delimiter"), new Route("GET", "/buyers"),
			new Route("GET", "/locations"), new Route("GET", "/events"), new Route("GET", "/tickets"),
			new Route("GET", "/sessions"), new Route("GET", "/chart/tickets/{}"),
			new Route("GET", "/dashboard/tickets", "page", "size", "q"),
			new Route("GET", "/dashboard/events", "page", "size", "event"), new Route("GET", "/dashboard/home"),
			new Route("GET", "/dashboard/export", "event", "delimiter"), new Route("GET", "/dashboard/settings"),
			new Route("GET", "/auth/login", "error", "logout"), new Route("GET", "/auth/register"),
			new Route("GET", "/auth/settings"), new Route("GET", "/error"), new Route("GET", "/actuator/health"),
			new Route("GET", "/actuator/prometheus"), new Route("GET", "/actuator/env"),
			new Route("GET", "/actuator/heapdump"),
			new Route("POST", "/auth/register", "username", "password", "passwordConfirmation"),
			new Route("POST", "/auth/login", "username", "password"),
			new Route("POST", "/auth/settings", "currentPassword", "newPassword", "passwordConfirmation"),
			new Route("POST", "/dashboard/settings/registration", "open"),
			new Route("POST", "/dashboard/settings/users/{}/role", "role"),
			new Route("POST", "/dashboard/settings/secrets", "slot", "secret"),
			new Route("POST", "/dashboard/settings/secrets/rotate", "secret", "keepOldForHours"),
			new Route("POST", "/dashboard/settings/secrets/{}/delete"),
			new Route("POST", "/dashboard/settings/tokens", "name"),
			new Route("POST", "/dashboard/settings/tokens/{}/delete"));

	private static final JsonMapper json = JsonMapper.builder().build();

	private static EmbeddedKafkaKraftBroker broker;

	private static ServiceProcess ingest;

	private static ServiceProcess projector;

	private static ServiceProcess dashboard;

	private static Session admin;

	@BeforeAll
	static void startSystem() throws Exception {
		broker = new EmbeddedKafkaKraftBroker(1, 1, PetziTopics.RAW, PetziTopics.DEAD_LETTER);
		broker.afterPropertiesSet();
		TestDatabase database = TestDatabase.create();
		Map<String, String> kafka = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.getBrokersAsString());
		Map<String, String> postgres = Map.of("SPRING_DATASOURCE_URL", database.jdbcUrl(), "SPRING_DATASOURCE_USERNAME",
				database.username(), "SPRING_DATASOURCE_PASSWORD", database.password());
		String spool = Path.of("target", "e2e-spool-" + UUID.randomUUID()).toAbsolutePath().toString();
		String readTimeout = Long.toString(READ_TIMEOUT.toMillis());
		ingest = ServiceProcess.start("ingest-service", merge(kafka, Map.of("PETZI_WEBHOOK_SECRETS", SECRET,
				"PETZI_SPOOL_DIRECTORY", spool, "SERVER_TOMCAT_CONNECTION_TIMEOUT", readTimeout)));
		projector = ServiceProcess.start("projector-service", merge(kafka, postgres));
		dashboard = ServiceProcess.start("dashboard-service", merge(kafka, postgres, Map.of("PETZI_ADMIN_USERNAME",
				ADMIN, "PETZI_ADMIN_PASSWORD", ADMIN_PASSWORD, "SERVER_TOMCAT_CONNECTION_TIMEOUT", readTimeout)));
		ingest.awaitHealthy();
		projector.awaitHealthy();
		dashboard.awaitHealthy();

		admin = Session.logIn();
		seedBuyer();
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
	@Order(6)
	void hostileParametersOnEveryDashboardRoute() {
		List<String> violations = new ArrayList<>();
		for (Route route : DASHBOARD_ROUTES) {
			for (String value : HOSTILE_VALUES) {
				for (Session session : new Session[] { null, admin }) {
					for (byte[] request : route.requests(value, session)) {
						check(dashboard, request, session == null, violations);
					}
				}
			}
		}

		assertThat(violations).isEmpty();
	}

	@Test
	@Order(5)
	void wrongMethodsOnEveryRoute() {
		List<String> violations = new ArrayList<>();
		List<String> paths = DASHBOARD_ROUTES.stream().map((route) -> route.path("1")).toList();
		for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND",
				"FOO")) {
			for (String path : paths) {
				check(dashboard, request(method, path, null, ""), true, violations);
				check(dashboard, request(method, path, admin, ""), false, violations);
			}
			for (String path : List.of("/webhook", "/insert", "/actuator/health", "/error", "/")) {
				check(ingest, request(method, path, null, ""), true, violations);
			}
		}

		assertThat(violations).isEmpty();
	}

	@Test
	@Order(4)
	void pathTricksExposeNoBuyerData() {
		List<String> violations = new ArrayList<>();
		List<String> paths = List.of("/api/../api/buyers", "/api/%2e%2e/api/buyers", "/api/buyers;jsessionid=x",
				"/api/buyers;x=y/", "/api//buyers", "//api/buyers", "/API/BUYERS", "/api/buyers/", "/api/buyers%2f",
				"/%2e/api/buyers", "/./api/buyers", "/api/buyers.json", "/api/tickets/..%2f..%2fapi%2fbuyers",
				"/api/tickets/" + TICKET + "/..;/..;/buyers", "/api/tickets/..;/buyers", "/api\\buyers",
				"/api/buyers%00", "/api/buyers%u0000", "/dashboard/settings;x=y", "/dashboard/../api/buyers",
				"/static/..%252f..%252fapi/buyers", "/actuator;/env", "/actuator/..;/api/buyers",
				"/api/events/1/tickets.csv;.css", "/download_csv;.js?event_id=" + PETZI_EVENT_ID,
				"/webjars/../api/buyers", "/webjars/..%2fapi%2fbuyers", "/css/..;/api/buyers", "/api/tickets/" + TICKET,
				"/api/tickets/" + TICKET + ";.css", "/api/tickets/" + TICKET + "/", "/api/tickets/" + TICKET + "%20",
				"/buyers?format=json", "/%61pi/buyers", "/api/buyer%73", "/api/tickets?size=200&page=0",
				"/download_csv?event_id=" + PETZI_EVENT_ID, "/api/events/1/tickets.csv",
				"/dashboard/tickets?q=Vornbruckel", "/error?status=200", "/auth/login?continue=/api/buyers", "*",
				"http://127.0.0.1/api/buyers", "api/buyers");
		for (String path : paths) {
			check(dashboard, request("GET", path, null, ""), true, violations);
			check(dashboard, request("GET", path, admin, ""), false, violations);
		}

		assertThat(violations).isEmpty();
	}

	@Test
	@Order(3)
	void malformedRequestsAreRejected() {
		List<String> violations = new ArrayList<>();
		for (String request : malformedRequests()) {
			boolean anonymous = !request.contains("{cookie}");
			check(dashboard, request.replace("{cookie}", admin.cookie()).getBytes(StandardCharsets.ISO_8859_1),
					anonymous, PROTOCOL_STATUSES, violations);
			check(ingest, request.replace("{cookie}", "x").getBytes(StandardCharsets.ISO_8859_1), true,
					PROTOCOL_STATUSES, violations);
		}

		assertThat(violations).isEmpty();
	}

	@Test
	@Order(1)
	void hostileWebhooksAreRejected() throws Exception {
		List<String> violations = new ArrayList<>();
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		String valid = new WebhookSigner(SECRET).header(Instant.now().getEpochSecond(), body);
		for (String value : HOSTILE_VALUES) {
			for (String path : List.of("/webhook", "/insert")) {
				check(ingest, webhook(path, Map.of("Petzi-Signature", value), body), true, violations);
				check(ingest, webhook(path, Map.of("Petzi-Signature", "t=1,v1=" + value), body), true, violations);
				check(ingest, webhook(path, Map.of("Petzi-Signature", valid, "Content-Type", value), body), true,
						violations);
				check(ingest, webhook(path, Map.of("Petzi-Signature", valid, "Petzi-Version", value), body), true,
						violations);
				check(ingest, webhook(path + "?x=" + encode(value), Map.of("Petzi-Signature", value), body), true,
						violations);
			}
		}
		byte[] oversized = new byte[2 * 1024 * 1024 + 1];
		check(ingest, webhook("/webhook", Map.of("Petzi-Signature", valid), oversized), true, violations);
		check(ingest, chunkedWebhook(valid, oversized), true, violations);
		check(ingest, webhook("/webhook", Map.of("Petzi-Signature", valid, "Content-Length", "-1"), body), true,
				violations);
		check(ingest,
				webhook("/webhook", Map.of("Petzi-Signature", valid, "Content-Length", "99999999999999999999"), body),
				true, violations);

		assertThat(violations).isEmpty();
	}

	@Test
	@Order(2)
	void slowBodiesEndWithoutServerError() throws Exception {
		List<String> violations = new ArrayList<>();
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		String signature = new WebhookSigner(SECRET).header(Instant.now().getEpochSecond(), body);
		List<Thread> slowClients = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Thread client = new Thread(() -> {
				String response = stalledUpload(signature, body);
				synchronized (violations) {
					addViolations("stalled upload", response, true, Set.of(), violations);
				}
			});
			client.start();
			slowClients.add(client);
		}

		HttpResponse<String> meanwhile = postSigned(body);
		for (Thread client : slowClients) {
			client.join(RESPONSE_TIMEOUT.toMillis() * 2);
		}

		assertThat(meanwhile.statusCode()).as("signed webhook during slow uploads").isEqualTo(200);
		assertThat(violations).isEmpty();
	}

	/**
	 * Sends the headers of a signed webhook and a third of its body one byte at a time,
	 * then stops sending, and returns what the server sends back.
	 */
	private static String stalledUpload(String signature, byte[] body) {
		String head = "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ "Petzi-Signature: " + signature + "\r\nContent-Length: " + body.length
				+ "\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", ingest.uri("/").getPort())) {
			socket.setSoTimeout((int) RESPONSE_TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			for (int i = 0; i < body.length / 3 && i < 20; i++) {
				out.write(body[i]);
				out.flush();
				Thread.sleep(100);
			}
			return readResponse(socket.getInputStream());
		}
		catch (SocketTimeoutException ex) {
			return "no response within " + RESPONSE_TIMEOUT;
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private static List<String> malformedRequests() {
		String hugeHeader = "X-Fuzz: " + "a".repeat(100_000) + "\r\n";
		return List.of("GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\nabcdef",
				"POST /api/tickets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n"
						+ "Connection: close\r\n\r\n0\r\n\r\n",
				"POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\nzz\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nNoColonHeader\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\n" + hugeHeader + "Connection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nCookie: JSESSIONID=" + "b".repeat(20_000)
						+ "\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Basic !!!notbase64\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
						+ Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8))
						+ "\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ' OR 1=1 --\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nAccept: text/csv;q=ü, */*;q=NaN\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nAccept-Language: '; DROP TABLE x; --\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1,2-3,abc\r\nConnection: close\r\n\r\n",
				"GET /api/tickets?page=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /api/tickets?%00=%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /api/tickets?page=1&page=2&size=1&size=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /api/ticketsé HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: <script>\r\nConnection: close\r\n\r\n",
				"GET /api/tickets HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nX-Forwarded-For: ' OR 1=1\r\n"
						+ "X-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n",
				"GET /dashboard/tickets HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nContent-Type: text/html; charset=nope\r\n"
						+ "Connection: close\r\n\r\n",
				"POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded; charset=nope\r\n"
						+ "Content-Length: 7\r\nConnection: close\r\n\r\na=%zz&b",
				"POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nPetzi-Signature: t=1,v1=00\r\n"
						+ "Content-Length: 10\r\nConnection: close\r\n\r\n{}",
				"POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\n"
						+ "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
	}

	private static void check(ServiceProcess service, byte[] request, boolean anonymous, List<String> violations) {
		check(service, request, anonymous, Set.of(), violations);
	}

	private static void check(ServiceProcess service, byte[] request, boolean anonymous, Set<Integer> allowed,
			List<String> violations) {
		String response = exchange(service, request);
		String summary = service.uri("/").getPort() + " " + firstLine(request);
		addViolations(summary, response, anonymous, allowed, violations);
	}

	private static void addViolations(String summary, String response, boolean anonymous, Set<Integer> allowed,
			List<String> violations) {
		int status = status(response);
		if (status >= 500 && !allowed.contains(status)) {
			violations.add(summary + " -> " + status);
		}
		if (response.startsWith("no response")) {
			violations.add(summary + " -> " + response);
		}
		// Prometheus labels name exception classes, which is no stack trace.
		boolean metrics = summary.contains("/actuator/prometheus");
		for (String marker : STACK_TRACE_MARKERS) {
			if (!metrics && response.contains(marker)) {
				violations.add(summary + " -> stack trace marker '" + marker + "'");
			}
		}
		if (anonymous) {
			String lowerCase = response.toLowerCase(Locale.ROOT);
			for (String value : BUYER_DATA) {
				if (lowerCase.contains(value.toLowerCase(Locale.ROOT))) {
					violations.add(summary + " -> buyer data '" + value + "' without login");
				}
			}
		}
	}

	/**
	 * Sends raw request bytes on a new connection and returns the whole response as
	 * ISO-8859-1 text, empty when the server closed the connection without one.
	 */
	private static String exchange(ServiceProcess service, byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", service.uri("/").getPort())) {
			socket.setSoTimeout((int) RESPONSE_TIMEOUT.toMillis());
			try {
				socket.getOutputStream().write(request);
				socket.getOutputStream().flush();
			}
			catch (IOException ex) {
				// The server may close the connection before it read everything, for
				// example after rejecting the headers of an oversized upload.
			}
			return readResponse(socket.getInputStream());
		}
		catch (SocketTimeoutException ex) {
			return "no response within " + RESPONSE_TIMEOUT;
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read >= 0 && response.size() < 4_000_000; read = in.read(buffer)) {
				response.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			if (response.size() == 0) {
				throw ex;
			}
		}
		catch (IOException ex) {
			// A reset after the response was sent still leaves the response to check.
		}
		return response.toString(StandardCharsets.ISO_8859_1);
	}

	private static int status(String response) {
		Matcher status = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})").matcher(response);
		return status.find() ? Integer.parseInt(status.group(1)) : 0;
	}

	private static String firstLine(byte[] request) {
		String text = new String(request, 0, Math.min(request.length, 200), StandardCharsets.ISO_8859_1);
		int end = text.indexOf('\r');
		return (end >= 0) ? text.substring(0, end) : text;
	}

	static byte[] request(String method, String target, Session session, String form) {
		StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		request.append("Host: 127.0.0.1\r\nConnection: close\r\n");
		if (session != null) {
			request.append("Cookie: ").append(session.cookie()).append("\r\n");
		}
		if (!form.isEmpty() || "POST".equals(method)) {
			String body = (session != null) ? form + "&_csrf=" + encode(session.csrfToken()) : form;
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
				.append(bytes.length)
				.append("\r\n\r\n")
				.append(body);
			return request.toString().getBytes(StandardCharsets.UTF_8);
		}
		return request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] webhook(String target, Map<String, String> headers, byte[] body) {
		Map<String, String> all = new HashMap<>(
				Map.of("Content-Type", "application/json", "Content-Length", Integer.toString(body.length)));
		all.putAll(headers);
		StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("Connection: close\r\n\r\n");
		return concat(head.toString().getBytes(StandardCharsets.UTF_8), body);
	}

	private static byte[] chunkedWebhook(String signature, byte[] body) {
		String head = "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ "Petzi-Signature: " + signature + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
				+ Integer.toHexString(body.length) + "\r\n";
		return concat(concat(head.getBytes(StandardCharsets.ISO_8859_1), body),
				"\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/**
	 * Publishes a ticket whose buyer has the values of {@link #BUYER_DATA} through a
	 * signed webhook, and waits until the dashboard shows it to the admin.
	 */
	private static void seedBuyer() throws Exception {
		ObjectNode payload = (ObjectNode) json.readTree(PetziSamples.body(PetziSamples.SINGLE_SESSION));
		((ObjectNode) payload.path("details").path("ticket")).put("number", TICKET);
		ObjectNode buyer = (ObjectNode) payload.path("details").path("buyer");
		buyer.put("firstName", BUYER_DATA.get(0));
		buyer.put("lastName", BUYER_DATA.get(1));
		buyer.put("postcode", BUYER_DATA.get(2));
		buyer.put("email", BUYER_DATA.get(3));

		assertThat(postSigned(json.writeValueAsBytes(payload)).statusCode()).as("seed webhook").isEqualTo(200);
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(exchange(dashboard, request("GET", "/api/tickets/" + TICKET, admin, "")))
				.contains(BUYER_DATA.get(1)));
	}

	private static HttpResponse<String> postSigned(byte[] body) throws IOException, InterruptedException {
		String signature = new WebhookSigner(SECRET).header(Instant.now().getEpochSecond(), body);
		HttpRequest request = HttpRequest.newBuilder(ingest.uri("/webhook"))
			.header("Content-Type", "application/json")
			.header("Petzi-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
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

	/**
	 * Route of the dashboard with its parameters; {@code {}} in the path is a path
	 * variable.
	 */
	private record Route(String method, String template, String... parameters) {

		String path(String pathValue) {
			return this.template.replace("{}", encode(pathValue).replace("+", "%20"));
		}

		/**
		 * Returns one request with the value in the path variable, and one per parameter
		 * with the value in that parameter and harmless values in the others.
		 */
		List<byte[]> requests(String value, Session session) {
			List<byte[]> requests = new ArrayList<>();
			if (this.template.contains("{}")) {
				requests.add(request(this.method, path(value), session, ""));
			}
			for (String parameter : this.parameters) {
				StringBuilder query = new StringBuilder();
				for (String other : this.parameters) {
					String parameterValue = other.equals(parameter) ? value : harmless(other);
					query.append(query.isEmpty() ? "" : "&").append(other).append('=').append(encode(parameterValue));
				}
				String path = path(Long.toString(PETZI_EVENT_ID));
				requests.add("GET".equals(this.method) ? request("GET", path + "?" + query, session, "")
						: request("POST", path, session, query.toString()));
			}
			return requests;
		}

		private static String harmless(String parameter) {
			return switch (parameter) {
				case "delimiter" -> ",";
				case "event", "event_id" -> Long.toString(PETZI_EVENT_ID);
				case "open" -> "false";
				case "role" -> "VIEWER";
				case "q", "name", "slot", "username" -> "x";
				default -> "1";
			};
		}

	}

	/**
	 * Logged-in session of the admin: its cookie and a CSRF token for forms.
	 */
	record Session(String cookie, String csrfToken) {

		static Session logIn() throws IOException, InterruptedException {
			CookieManager cookies = new CookieManager();
			HttpClient browser = HttpClient.newBuilder()
				.cookieHandler(cookies)
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build();
			HttpResponse<String> form = browser.send(HttpRequest.newBuilder(dashboard.uri("/auth/login")).build(),
					HttpResponse.BodyHandlers.ofString());
			String credentials = "username=" + encode(ADMIN) + "&password=" + encode(ADMIN_PASSWORD) + "&_csrf="
					+ encode(csrfToken(form.body()));
			HttpResponse<String> page = browser.send(HttpRequest.newBuilder(dashboard.uri("/auth/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(credentials))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.uri().getPath()).as("page after login").isEqualTo("/dashboard/tickets");
			HttpResponse<String> settings = browser.send(
					HttpRequest.newBuilder(dashboard.uri("/dashboard/settings")).build(),
					HttpResponse.BodyHandlers.ofString());
			StringBuilder cookie = new StringBuilder();
			for (HttpCookie each : cookies.getCookieStore().getCookies()) {
				cookie.append(cookie.isEmpty() ? "" : "; ").append(each.getName()).append('=').append(each.getValue());
			}
			return new Session(cookie.toString(), csrfToken(settings.body()));
		}

		private static String csrfToken(String page) {
			Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
			assertThat(csrf.find()).as("page has a form with a CSRF token").isTrue();
			return csrf.group(1);
		}

	}

}
