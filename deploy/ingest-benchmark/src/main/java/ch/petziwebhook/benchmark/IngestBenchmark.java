package ch.petziwebhook.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for a running ingest service. For each concurrency level it prepares a
 * fixed number of signed webhooks, each with its own ticket number, then sends them over
 * that many HTTP/1.1 keep-alive connections and records the accepted deliveries per
 * second and the latency of every request. With {@code --bootstrap-servers} it measures,
 * right after each level, a bare Kafka producer at the same concurrency, and at the end
 * the producer's batched rate: the ceiling that ingest cannot pass on this broker. Each
 * level stops after {@link #LEVEL_TIME_LIMIT} even if requests are left. It starts no
 * server: point it at an ingest service and a broker you started.
 */
public final class IngestBenchmark {

	private static final Duration LEVEL_TIME_LIMIT = Duration.ofSeconds(120);

	private static final int DEFAULT_REQUESTS = 5000;

	private static final List<Integer> DEFAULT_LEVELS = List.of(1, 8, 32, 64);

	// A fresh ingest on 2 cores keeps its JIT compiler busy for tens of thousands of
	// requests,
	// so a short warm-up measures the compiler more than the service.
	private static final int DEFAULT_WARM_UP_REQUESTS = 20000;

	private static final int DEFAULT_LINGER_MILLIS = 1;

	private static final String USAGE = """
			Usage: IngestBenchmark <webhook URL> <secret> [requests per level, default 5000] \
			[concurrency levels, default 1,8,32,64] [options]
			  --label TEXT              name of the ingest rows in the results, default "ingest"
			  --bootstrap-servers HOSTS also measure a bare Kafka producer on this broker (the ceiling)
			  --linger-ms N             linger.ms of the bare producer, default 1 (ingest's default)
			  --warm-up N               requests sent before the measured levels, default 20000
			  --markdown FILE           also write the results to FILE as a Markdown table""";

	private final URI webhookUri;

	private final SignedRequests requests;

	private IngestBenchmark(URI webhookUri, String secret) {
		this.webhookUri = webhookUri;
		this.requests = new SignedRequests(webhookUri, secret, UUID.randomUUID().toString().substring(0, 8));
	}

	/**
	 * Runs the benchmark. See {@link #USAGE} for the arguments.
	 */
	public static void main(String[] args) throws Exception {
		// The Kafka client logs its whole configuration at info level.
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
				System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
		Arguments arguments = Arguments.parse(args);
		if (arguments == null) {
			System.err.println(USAGE);
			System.exit(2);
		}
		IngestBenchmark benchmark = new IngestBenchmark(arguments.webhookUri(), arguments.secret());
		System.out.printf("Ingest benchmark against %s, %d requests per level, %d cores%n", arguments.webhookUri(),
				arguments.requests(), Runtime.getRuntime().availableProcessors());
		LevelResult warmUp = benchmark.runLevel("warm-up", 8, arguments.warmUpRequests());
		System.out.printf("Warm-up: %d requests, %d accepted%n", warmUp.requests(), warmUp.accepted());

		List<LevelResult> results = new ArrayList<>();
		ResultTable table = new ResultTable(System.out);
		table.printHeader();
		ProducerCeiling ceiling = (arguments.bootstrapServers() != null)
				? new ProducerCeiling(arguments.bootstrapServers(), arguments.lingerMillis(), benchmark.requests)
				: null;
		try {
			if (ceiling != null) {
				ceiling.sendAndWait(8, arguments.warmUpRequests(), LEVEL_TIME_LIMIT);
			}
			for (int concurrency : arguments.levels()) {
				results.add(table.print(benchmark.runLevel(arguments.label(), concurrency, arguments.requests())));
				if (ceiling != null) {
					results.add(table.print(ceiling.sendAndWait(concurrency, arguments.requests(), LEVEL_TIME_LIMIT)));
				}
			}
			if (ceiling != null) {
				results.add(table.print(ceiling.sendBatched(arguments.requests(), LEVEL_TIME_LIMIT)));
			}
		}
		finally {
			if (ceiling != null) {
				ceiling.close();
			}
		}
		if (arguments.markdown() != null) {
			Files.writeString(arguments.markdown(), ResultTable.markdown(results), StandardCharsets.UTF_8);
			System.out.println("Results written to " + arguments.markdown());
		}
	}

	private LevelResult runLevel(String run, int concurrency, int count) throws InterruptedException {
		byte[][] prepared = this.requests.build(count);
		long[] latencies = new long[count];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger accepted = new AtomicInteger();
		Map<Integer, AtomicInteger> otherStatuses = new ConcurrentHashMap<>();
		CountDownLatch connected = new CountDownLatch(concurrency);
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(concurrency);
		long[] start = new long[1];
		for (int t = 0; t < concurrency; t++) {
			Thread worker = new Thread(() -> {
				try {
					Sender sender = new Sender(this.webhookUri, prepared, latencies, accepted, otherStatuses);
					connected.countDown();
					go.await();
					sender.sendUntilDone(next, start[0] + LEVEL_TIME_LIMIT.toNanos());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			}, "benchmark-" + t);
			worker.start();
		}
		connected.await();
		start[0] = System.nanoTime();
		go.countDown();
		done.await();
		long elapsed = System.nanoTime() - start[0];
		int sent = Math.min(next.get(), count);
		Map<Integer, Integer> others = new ConcurrentHashMap<>();
		otherStatuses.forEach((status, n) -> others.put(status, n.get()));
		return LevelResult.of(run, concurrency, sent, accepted.get(), elapsed, latencies, others);
	}

	/**
	 * One worker's connection and its share of a level's requests.
	 */
	private static final class Sender {

		private final URI uri;

		private final byte[][] prepared;

		private final long[] latencies;

		private final AtomicInteger accepted;

		private final Map<Integer, AtomicInteger> otherStatuses;

		private KeepAliveConnection connection;

		Sender(URI uri, byte[][] prepared, long[] latencies, AtomicInteger accepted,
				Map<Integer, AtomicInteger> otherStatuses) {
			this.uri = uri;
			this.prepared = prepared;
			this.latencies = latencies;
			this.accepted = accepted;
			this.otherStatuses = otherStatuses;
			this.connection = connectOrNull();
		}

		void sendUntilDone(AtomicInteger next, long deadline) {
			int index;
			while ((index = next.getAndIncrement()) < this.prepared.length && System.nanoTime() < deadline) {
				long sent = System.nanoTime();
				int status = send(this.prepared[index]);
				this.latencies[index] = System.nanoTime() - sent;
				if (status == 200) {
					this.accepted.incrementAndGet();
				}
				else {
					this.otherStatuses.computeIfAbsent(status, (s) -> new AtomicInteger()).incrementAndGet();
				}
			}
			closeQuietly();
		}

		private int send(byte[] request) {
			try {
				if (this.connection == null) {
					this.connection = new KeepAliveConnection(this.uri.getHost(), this.uri.getPort());
				}
				int status = this.connection.exchange(request);
				if (this.connection.closeRequested()) {
					closeQuietly();
				}
				return status;
			}
			catch (IOException ex) {
				closeQuietly();
				return -1;
			}
		}

		private KeepAliveConnection connectOrNull() {
			try {
				return new KeepAliveConnection(this.uri.getHost(), this.uri.getPort());
			}
			catch (IOException ex) {
				return null;
			}
		}

		private void closeQuietly() {
			if (this.connection != null) {
				try {
					this.connection.close();
				}
				catch (IOException ex) {
					// The connection is dropped either way.
				}
				this.connection = null;
			}
		}

	}

	/**
	 * Command line arguments.
	 */
	private record Arguments(URI webhookUri, String secret, int requests, List<Integer> levels, String label,
			String bootstrapServers, int lingerMillis, int warmUpRequests, Path markdown) {

		/**
		 * Parses the arguments, or returns {@code null} when they are invalid.
		 */
		static Arguments parse(String[] args) {
			List<String> positional = new ArrayList<>();
			String label = "ingest";
			String bootstrapServers = null;
			int lingerMillis = DEFAULT_LINGER_MILLIS;
			int warmUpRequests = DEFAULT_WARM_UP_REQUESTS;
			Path markdown = null;
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if (arg.startsWith("--")) {
					if (i + 1 >= args.length) {
						return null;
					}
					String value = args[++i];
					switch (arg) {
						case "--label" -> label = value;
						case "--bootstrap-servers" -> bootstrapServers = value;
						case "--linger-ms" -> lingerMillis = Integer.parseInt(value);
						case "--warm-up" -> warmUpRequests = Integer.parseInt(value);
						case "--markdown" -> markdown = Path.of(value);
						default -> {
							return null;
						}
					}
				}
				else {
					positional.add(arg);
				}
			}
			if (positional.size() < 2 || positional.size() > 4) {
				return null;
			}
			URI uri = URI.create(positional.get(0));
			if (uri.getPort() < 0 || !"http".equals(uri.getScheme())) {
				System.err.println("The webhook URL needs the http scheme and a port, got " + uri);
				return null;
			}
			int requests = (positional.size() > 2) ? Integer.parseInt(positional.get(2)) : DEFAULT_REQUESTS;
			List<Integer> levels = (positional.size() > 3)
					? Arrays.stream(positional.get(3).split(",")).map(String::trim).map(Integer::valueOf).toList()
					: DEFAULT_LEVELS;
			return new Arguments(uri, positional.get(1), requests, levels, label, bootstrapServers, lingerMillis,
					warmUpRequests, markdown);
		}

	}

}
