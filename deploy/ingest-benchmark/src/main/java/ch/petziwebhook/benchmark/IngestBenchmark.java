package ch.petziwebhook.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ch.petziwebhook.model.WebhookSigner;

/**
 * Load generator for a running ingest service. For each concurrency level it sends a
 * fixed number of freshly signed webhooks, each with its own ticket number, from that
 * many threads, and prints the accepted deliveries per second and the latency percentiles
 * of all requests. Every level stops after {@link #LEVEL_TIME_LIMIT} even if requests are
 * left. It starts nothing: point it at an ingest service you started.
 */
public final class IngestBenchmark {

	private static final Duration LEVEL_TIME_LIMIT = Duration.ofSeconds(120);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final int DEFAULT_REQUESTS = 5000;

	private static final List<Integer> DEFAULT_LEVELS = List.of(1, 8, 32, 64);

	private static final String BODY_TEMPLATE = """
			{"event":"ticket_created","details":{"ticket":{"number":"%s","type":"online_presale",\
			"title":"Benchmark","category":"Standard","eventId":1,"event":"Benchmark","cancellationReason":"",\
			"sessions":[],"promoter":"Benchmark","price":{"amount":"10.00","currency":"CHF"}},\
			"buyer":{"role":"customer","firstName":null,"lastName":null,"postcode":"1000"}}}""";

	private final URI webhookUri;

	private final WebhookSigner signer;

	private final String runId = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicLong sequence = new AtomicLong();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private IngestBenchmark(URI webhookUri, String secret) {
		this.webhookUri = webhookUri;
		this.signer = new WebhookSigner(secret);
	}

	/**
	 * Runs the benchmark.
	 * @param args the webhook URL (for example {@code http://127.0.0.1:28081/webhook}),
	 * the secret, optionally the requests per level and a comma-separated list of
	 * concurrency levels
	 */
	public static void main(String[] args) throws InterruptedException {
		if (args.length < 2 || args.length > 4) {
			System.err.println("Usage: IngestBenchmark <webhook URL> <secret> [requests per level, default "
					+ DEFAULT_REQUESTS + "] [concurrency levels, default 1,8,32,64]");
			System.exit(2);
		}
		int requests = (args.length > 2) ? Integer.parseInt(args[2]) : DEFAULT_REQUESTS;
		List<Integer> levels = (args.length > 3) ? Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList()
				: DEFAULT_LEVELS;
		IngestBenchmark benchmark = new IngestBenchmark(URI.create(args[0]), args[1]);

		System.out.printf("Ingest benchmark against %s, %d requests per level, %d cores%n", args[0], requests,
				Runtime.getRuntime().availableProcessors());
		benchmark.warmUp(Math.min(requests, 500));
		System.out.printf("%11s %9s %9s %9s %12s %9s %9s %9s  %s%n", "concurrency", "requests", "accepted", "seconds",
				"accepted/s", "p50 ms", "p99 ms", "max ms", "other statuses");
		for (int concurrency : levels) {
			benchmark.runLevel(concurrency, requests).print();
		}
	}

	private void warmUp(int requests) throws InterruptedException {
		Result result = runLevel(8, requests);
		System.out.printf("Warm-up: %d requests, %d accepted%n", result.requests(), result.accepted());
	}

	private Result runLevel(int concurrency, int requests) throws InterruptedException {
		long[] latencies = new long[requests];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger accepted = new AtomicInteger();
		Map<Integer, AtomicInteger> otherStatuses = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		long deadline = start + LEVEL_TIME_LIMIT.toNanos();
		CountDownLatch done = new CountDownLatch(concurrency);
		for (int t = 0; t < concurrency; t++) {
			Thread worker = new Thread(() -> {
				try {
					sendUntilDone(next, requests, deadline, latencies, accepted, otherStatuses);
				}
				finally {
					done.countDown();
				}
			}, "benchmark-" + t);
			worker.start();
		}
		done.await();
		long elapsed = System.nanoTime() - start;
		int sent = Math.min(next.get(), requests);
		long[] measured = Arrays.stream(latencies, 0, sent).filter((l) -> l > 0).sorted().toArray();
		return new Result(concurrency, sent, accepted.get(), elapsed, measured, new TreeMap<>(otherStatuses));
	}

	private void sendUntilDone(AtomicInteger next, int requests, long deadline, long[] latencies,
			AtomicInteger accepted, Map<Integer, AtomicInteger> otherStatuses) {
		int index;
		while ((index = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
			long sent = System.nanoTime();
			int status = send();
			latencies[index] = System.nanoTime() - sent;
			if (status == 200) {
				accepted.incrementAndGet();
			}
			else {
				otherStatuses.computeIfAbsent(status, (s) -> new AtomicInteger()).incrementAndGet();
			}
		}
	}

	private int send() {
		String ticket = "BENCH-" + this.runId + "-" + this.sequence.incrementAndGet();
		byte[] body = String.format(BODY_TEMPLATE, ticket).getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(this.webhookUri)
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("User-Agent", "PETZI webhook benchmark")
			.header("Petzi-Version", "2")
			.header("Petzi-Signature", this.signer.header(Instant.now().getEpochSecond(), body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -2;
		}
	}

	/**
	 * Figures of one concurrency level.
	 */
	private record Result(int concurrency, int requests, int accepted, long elapsedNanos, long[] latencies,
			Map<Integer, AtomicInteger> otherStatuses) {

		void print() {
			double seconds = this.elapsedNanos / 1e9;
			System.out.printf("%11d %9d %9d %9.2f %12.0f %9.2f %9.2f %9.2f  %s%n", this.concurrency, this.requests,
					this.accepted, seconds, this.accepted / seconds, percentile(0.50), percentile(0.99),
					percentile(1.0), this.otherStatuses.isEmpty() ? "none" : this.otherStatuses);
		}

		private double percentile(double fraction) {
			if (this.latencies.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(fraction * this.latencies.length) - 1;
			return this.latencies[Math.max(0, index)] / 1e6;
		}

	}

}
