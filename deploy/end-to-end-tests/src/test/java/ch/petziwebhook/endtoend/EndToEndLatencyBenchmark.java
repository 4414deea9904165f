package ch.petziwebhook.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.petziwebhook.model.WebhookSigner;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latency from a signed webhook's POST to ingest until its ticket is visible, through a
 * Kafka broker process, the projector process and PostgreSQL, measured in two places: the
 * row in {@code read_model.tickets}, probed for every webhook, and the dashboard's
 * {@code GET /api/tickets/{number}}, probed for every n-th webhook only, because probing
 * hundreds of pending tickets one request at a time would load the two cores more than
 * the pipeline does. A benchmark, not a test: the name keeps it out of the normal build,
 * and nothing fails on speed.
 * <p>
 * Phases: a warm-up that is not measured, a steady rate, then a burst sent as fast as a
 * fixed number of connections allows. Settings are system properties, which surefire
 * passes on from the Maven command line:
 * <ul>
 * <li>{@code benchmark.rate} webhooks per second in the steady phase, default 50</li>
 * <li>{@code benchmark.seconds} length of the steady phase, default 60</li>
 * <li>{@code benchmark.warmup-seconds} warm-up at the steady rate, default 10</li>
 * <li>{@code benchmark.burst} webhooks in the burst, default 1000</li>
 * <li>{@code benchmark.burst-concurrency} connections sending the burst, default 32</li>
 * <li>{@code benchmark.api-every} probe the API for every n-th webhook, default 10</li>
 * <li>{@code benchmark.markdown} file to write the results table to, optional</li>
 * </ul>
 */
class EndToEndLatencyBenchmark {

	private static final String SECRET = "latency-benchmark-secret";

	private static final String ADMIN = "admin";

	private static final String ADMIN_PASSWORD = "latency-benchmark-admin-password";

	private static final String SAMPLE_NUMBER = "TEST8841KQ2ZAB";

	private static final Duration VISIBILITY_TIMEOUT = Duration.ofMinutes(3);

	// Longer than the tests allow, because start-up is not measured and a loaded machine
	// has taken more than 3 minutes to start ingest.
	private static final Duration START_TIMEOUT = Duration.ofMinutes(8);

	private static final Duration READ_MODEL_PAUSE = Duration.ofMillis(5);

	private static final Duration API_PAUSE = Duration.ofMillis(10);

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final String SAMPLE = new String(PetziSamples.body(PetziSamples.SINGLE_SESSION),
			StandardCharsets.UTF_8);

	private static BrokerProcess broker;

	private static ServiceProcess ingest;

	private static ServiceProcess projector;

	private static ServiceProcess dashboard;

	private static TestDatabase database;

	private final WebhookSigner signer = new WebhookSigner(SECRET);

	private final int apiEvery = Integer.getInteger("benchmark.api-every", 10);

	@BeforeAll
	static void startSystem() {
		broker = BrokerProcess.start("512m");
		database = TestDatabase.create();

		Map<String, String> kafka = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
		Map<String, String> postgres = Map.of("SPRING_DATASOURCE_URL", database.jdbcUrl(), "SPRING_DATASOURCE_USERNAME",
				database.username(), "SPRING_DATASOURCE_PASSWORD", database.password());
		String spool = Path.of("target", "latency-spool-" + UUID.randomUUID()).toAbsolutePath().toString();
		List<String> jvm = List.of("-Xmx512m");
		ingest = ServiceProcess.start("ingest-service",
				merge(kafka, Map.of("PETZI_WEBHOOK_SECRETS", SECRET, "PETZI_SPOOL_DIRECTORY", spool)), jvm);
		projector = ServiceProcess.start("projector-service", merge(kafka, postgres), jvm);
		dashboard = ServiceProcess.start("dashboard-service",
				merge(kafka, postgres, Map.of("PETZI_ADMIN_USERNAME", ADMIN, "PETZI_ADMIN_PASSWORD", ADMIN_PASSWORD)),
				jvm);

		ingest.awaitHealthy(START_TIMEOUT);
		projector.awaitHealthy(START_TIMEOUT);
		dashboard.awaitHealthy(START_TIMEOUT);
	}

	@AfterAll
	static void stopSystem() {
		for (ServiceProcess service : new ServiceProcess[] { dashboard, projector, ingest }) {
			if (service != null) {
				service.close();
			}
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void measuresWebhookToVisibleTicket() throws Exception {
		int rate = Integer.getInteger("benchmark.rate", 50);
		int seconds = Integer.getInteger("benchmark.seconds", 60);
		int warmUpSeconds = Integer.getInteger("benchmark.warmup-seconds", 10);
		int burst = Integer.getInteger("benchmark.burst", 1000);
		int burstConcurrency = Integer.getInteger("benchmark.burst-concurrency", 32);
		System.out.printf(
				"End-to-end latency: warm-up %d s, %d webhooks/s for %d s, burst of %d at concurrency %d,"
						+ " API probed for 1 in %d webhooks, %d cores%n",
				warmUpSeconds, rate, seconds, burst, burstConcurrency, this.apiEvery,
				Runtime.getRuntime().availableProcessors());

		List<Row> rows = new ArrayList<>();
		try (Connection connection = database.connect();
				VisibilityWatcher readModel = new VisibilityWatcher("read-model-probe", readModelProbe(connection),
						READ_MODEL_PAUSE);
				VisibilityWatcher api = new VisibilityWatcher("api-probe", apiProbe(loggedInClient()), API_PAUSE)) {
			Watchers watchers = new Watchers(readModel, api);
			runSteady("W", rate, warmUpSeconds, watchers).await();

			Phase steady = runSteady("S", rate, seconds, watchers);
			rows.addAll(steady.await().rows(rate + " webhooks/s for " + seconds + " s"));
			Phase burstPhase = runBurst("B", burst, burstConcurrency, watchers);
			rows.addAll(burstPhase.await().rows(burst + " at once, concurrency " + burstConcurrency));
		}

		String table = markdown(rows);
		System.out.print(table);
		writeMarkdown(table);
		assertThat(rows).allSatisfy((row) -> assertThat(row.missing()).as(row.phase() + ", " + row.until()).isZero());
	}

	private Phase runSteady(String prefix, int rate, int seconds, Watchers watchers) {
		int count = rate * seconds;
		Phase phase = new Phase(prefix, count, this.apiEvery, watchers);
		long period = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime();
		List<CompletableFuture<Void>> answers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			LockSupport.parkNanos(start + i * period - System.nanoTime());
			answers.add(phase.sendAsync(i, this));
		}
		CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
		return phase;
	}

	private Phase runBurst(String prefix, int count, int concurrency, Watchers watchers) throws InterruptedException {
		Phase phase = new Phase(prefix, count, this.apiEvery, watchers);
		AtomicInteger next = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(concurrency);
		for (int t = 0; t < concurrency; t++) {
			senders.execute(() -> {
				int index;
				while ((index = next.getAndIncrement()) < count) {
					phase.sendAsync(index, this).join();
				}
			});
		}
		senders.shutdown();
		if (!senders.awaitTermination(10, TimeUnit.MINUTES)) {
			senders.shutdownNow();
			throw new IllegalStateException("Burst of " + count + " webhooks still sending after 10 minutes");
		}
		return phase;
	}

	private HttpRequest signedRequest(String number) {
		byte[] body = SAMPLE.replace(SAMPLE_NUMBER, number).getBytes(StandardCharsets.UTF_8);
		String signature = this.signer.header(Instant.now().getEpochSecond(), body);
		return HttpRequest.newBuilder(ingest.uri("/webhook"))
			.header("Content-Type", "application/json")
			.header("Petzi-Signature", signature)
			.header("Petzi-Version", "2")
			.header("User-Agent", "PETZI webhook")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private static VisibilityWatcher.Probe readModelProbe(Connection connection) throws SQLException {
		PreparedStatement select = connection
			.prepareStatement("SELECT number FROM read_model.tickets WHERE number = ANY (?)");
		return (numbers) -> {
			Array array = connection.createArrayOf("text", numbers.toArray());
			select.setArray(1, array);
			Map<String, Long> found = new HashMap<>();
			long started = System.nanoTime();
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					found.put(rows.getString(1), started);
				}
			}
			return found;
		};
	}

	private static VisibilityWatcher.Probe apiProbe(HttpClient browser) {
		return (numbers) -> {
			Map<String, Long> found = new HashMap<>();
			for (String number : numbers) {
				HttpRequest request = HttpRequest.newBuilder(dashboard.uri("/api/tickets/" + number))
					.header("Accept", "application/json")
					.build();
				long started = System.nanoTime();
				int status = browser.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status == 200) {
					found.put(number, started);
				}
				else if (status != 404) {
					throw new IllegalStateException("GET /api/tickets/" + number + " returned " + status);
				}
			}
			return found;
		};
	}

	// A session cookie from the login form, because HTTP Basic would hash the password on
	// every probe.
	private static HttpClient loggedInClient() throws IOException, InterruptedException {
		HttpClient browser = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		HttpResponse<String> form = browser.send(HttpRequest.newBuilder(dashboard.uri("/auth/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).as("login form has a CSRF token").isTrue();
		String credentials = "username=" + encode(ADMIN) + "&password=" + encode(ADMIN_PASSWORD) + "&_csrf="
				+ encode(csrf.group(1));
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(dashboard.uri("/auth/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(credentials))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.uri().getPath()).as("page after login").isEqualTo("/dashboard/tickets");
		return browser;
	}

	private static String markdown(List<Row> rows) {
		StringBuilder table = new StringBuilder();
		table.append("| phase | until | webhooks | missing | p50 ms | p95 ms | p99 ms | max ms |\n");
		table.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (Row row : rows) {
			table.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %.1f | %.1f | %.1f | %.1f |%n", row.phase(),
					row.until(), row.webhooks(), row.missing(), row.p50(), row.p95(), row.p99(), row.max()));
		}
		return table.toString();
	}

	private static void writeMarkdown(String table) {
		String file = System.getProperty("benchmark.markdown");
		if (file == null || file.isBlank()) {
			return;
		}
		Path path = Path.of(file).toAbsolutePath();
		try {
			Files.createDirectories(path.getParent());
			Files.writeString(path, table);
			System.out.println("Wrote " + path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to write " + path, ex);
		}
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

	private record Watchers(VisibilityWatcher readModel, VisibilityWatcher api) {
	}

	/**
	 * One results line: a phase and the point its latencies run to.
	 */
	private record Row(String phase, String until, int webhooks, int missing, double p50, double p95, double p99,
			double max) {

		static Row of(String phase, String until, long[] nanos, int missing) {
			long[] sorted = Arrays.stream(nanos).sorted().toArray();
			return new Row(phase, until, nanos.length + missing, missing, millis(sorted, 0.50), millis(sorted, 0.95),
					millis(sorted, 0.99), millis(sorted, 1.0));
		}

		// Nearest-rank percentile.
		private static double millis(long[] sorted, double quantile) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(quantile * sorted.length);
			return sorted[Math.max(rank, 1) - 1] / 1_000_000.0;
		}

	}

	/**
	 * The webhooks of one phase: when each was sent, when ingest's response arrived and
	 * its status.
	 */
	private static final class Phase {

		private final String prefix;

		private final int apiEvery;

		private final Watchers watchers;

		private final long[] sentAt;

		private final long[] answeredAt;

		private final int[] status;

		private int notVisibleInReadModel;

		private int notVisibleInApi;

		Phase(String prefix, int count, int apiEvery, Watchers watchers) {
			this.prefix = prefix;
			this.apiEvery = apiEvery;
			this.watchers = watchers;
			this.sentAt = new long[count];
			this.answeredAt = new long[count];
			this.status = new int[count];
		}

		String number(int index) {
			return String.format(Locale.ROOT, "LAT%s%010d", this.prefix, index);
		}

		boolean probedInApi(int index) {
			return index % this.apiEvery == 0;
		}

		CompletableFuture<Void> sendAsync(int index, EndToEndLatencyBenchmark benchmark) {
			String number = number(index);
			this.watchers.readModel().watch(number);
			if (probedInApi(index)) {
				this.watchers.api().watch(number);
			}
			HttpRequest request = benchmark.signedRequest(number);
			this.sentAt[index] = System.nanoTime();
			return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
				this.answeredAt[index] = System.nanoTime();
				this.status[index] = (response != null) ? response.statusCode() : -1;
				return null;
			});
		}

		Phase await() {
			this.notVisibleInReadModel = this.watchers.readModel().awaitAll(VISIBILITY_TIMEOUT);
			this.notVisibleInApi = this.watchers.api().awaitAll(VISIBILITY_TIMEOUT);
			return this;
		}

		List<Row> rows(String phase) {
			List<Long> answered = new ArrayList<>();
			List<Long> readModel = new ArrayList<>();
			List<Long> api = new ArrayList<>();
			int rejected = 0;
			for (int i = 0; i < this.sentAt.length; i++) {
				if (this.status[i] == 200) {
					answered.add(this.answeredAt[i] - this.sentAt[i]);
				}
				else {
					rejected++;
				}
				addLatency(readModel, i, this.watchers.readModel().visibleAt(number(i)));
				if (probedInApi(i)) {
					addLatency(api, i, this.watchers.api().visibleAt(number(i)));
				}
			}
			return List.of(Row.of(phase, "ingest answered 200", toArray(answered), rejected),
					Row.of(phase, "row in read_model.tickets", toArray(readModel), this.notVisibleInReadModel),
					Row.of(phase, "GET /api/tickets/{number} found it (1 in " + this.apiEvery + " webhooks)",
							toArray(api), this.notVisibleInApi));
		}

		private void addLatency(List<Long> latencies, int index, Long visibleAt) {
			if (visibleAt != null) {
				latencies.add(visibleAt - this.sentAt[index]);
			}
		}

		private static long[] toArray(List<Long> values) {
			return values.stream().mapToLong(Long::longValue).toArray();
		}

	}

}
