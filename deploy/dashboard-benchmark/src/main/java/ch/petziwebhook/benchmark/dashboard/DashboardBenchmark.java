package ch.petziwebhook.benchmark.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Times the dashboard over a read model of a million tickets. Loads the tickets and
 * starts the dashboard's executable jar, then sends each page and API route one request
 * after the other. Reports the median and 95th percentile latency per route, and the time
 * and heap of the CSV export of the biggest event. A program, not a test: it asserts
 * nothing.
 */
public final class DashboardBenchmark {

	private static final String CSV_PATH = "/api/events/1/tickets.csv";

	private static final Duration WHOLE_TABLE_TIMEOUT = Duration.ofMinutes(3);

	// A slow route gets fewer warm-up requests, so that the run stays within minutes.
	private static final Duration WARMUP_BUDGET = Duration.ofSeconds(5);

	private final BenchmarkSettings settings;

	private DashboardBenchmark(BenchmarkSettings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) throws Exception {
		BenchmarkSettings settings;
		try {
			settings = BenchmarkSettings.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(BenchmarkSettings.USAGE);
			System.exit(2);
			return;
		}
		new DashboardBenchmark(settings).run();
	}

	private void run() throws Exception {
		if (!Files.isRegularFile(this.settings.dashboardJar())) {
			throw new IllegalStateException("Missing " + this.settings.dashboardJar()
					+ "; build it with ./mvnw -B -q -pl deploy/dashboard-benchmark -am package -DskipTests");
		}
		if (this.settings.jdbcUrl() != null) {
			run(this.settings.jdbcUrl(), this.settings.user(), this.settings.password());
			return;
		}
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			run(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
		}
	}

	private void run(String jdbcUrl, String user, String password) throws Exception {
		long loadStart = System.nanoTime();
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
			boolean loaded = new ReadModelLoader(this.settings).prepare(connection);
			System.out.printf("%s %,d tickets over %d events in %.1f s%n", loaded ? "Loaded" : "Reused a load of",
					this.settings.tickets(), this.settings.events(), (System.nanoTime() - loadStart) / 1e9);
			deleteDashboardUsers(connection);
		}

		Path log = this.settings.dashboardLog();
		System.out.println("Dashboard log: " + log);
		System.out.println("Load average before: " + loadAverage());
		List<RouteFigures> figures = new ArrayList<>();
		try (DashboardProcess dashboard = DashboardProcess.start(this.settings, jdbcUrl, user, password, log)) {
			List<Route> routes = Route.all(this.settings.tickets());
			for (Route route : routes) {
				if (!route.wholeTable()) {
					figures.add(report(measure(dashboard, route)));
				}
			}
			figures.add(report(measureCsv(dashboard)));
			for (Route route : routes) {
				if (route.wholeTable()) {
					figures.add(report(measureWholeTable(dashboard, route)));
				}
			}
		}
		System.out.println("Load average after: " + loadAverage());

		String table = ResultTable.markdown(figures);
		System.out.println();
		System.out.print(table);
		if (this.settings.markdown() != null) {
			Files.writeString(this.settings.markdown(), table);
			System.out.println("Wrote " + this.settings.markdown());
		}
	}

	// The dashboard creates its first admin, with this run's password, only when it has
	// no users. The loader has checked that this is a benchmark database.
	private static void deleteDashboardUsers(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("""
					DO $$ BEGIN
					    IF to_regclass('dashboard.users') IS NOT NULL THEN DELETE FROM dashboard.users; END IF;
					END $$""");
		}
	}

	private RouteFigures measure(DashboardProcess dashboard, Route route) throws Exception {
		long warmupDeadline = System.nanoTime() + WARMUP_BUDGET.toNanos();
		for (int i = 0; i < this.settings.warmup() && (i == 0 || System.nanoTime() < warmupDeadline); i++) {
			DashboardProcess.Response response = dashboard.get(route.path());
			if (response.status() != 200) {
				return RouteFigures.failed(route.label(), 0, "status " + response.status());
			}
		}
		long deadline = System.nanoTime() + this.settings.routeBudget().toNanos();
		List<Long> nanos = new ArrayList<>();
		long bytes = 0;
		while (nanos.size() < this.settings.requests() && System.nanoTime() < deadline) {
			long start = System.nanoTime();
			DashboardProcess.Response response = dashboard.get(route.path());
			nanos.add(System.nanoTime() - start);
			bytes += response.bytes();
		}
		return RouteFigures.of(route.label(), nanos.stream().mapToLong(Long::longValue).toArray(), bytes);
	}

	// Whole tables may be too much for the dashboard's heap: a failure is a figure too.
	private RouteFigures measureWholeTable(DashboardProcess dashboard, Route route) throws Exception {
		long[] nanos = new long[this.settings.wholeListRequests()];
		long bytes = 0;
		for (int i = 0; i < nanos.length; i++) {
			long start = System.nanoTime();
			try {
				DashboardProcess.Response response = dashboard.get(route.path(), WHOLE_TABLE_TIMEOUT);
				if (response.status() != 200) {
					return RouteFigures.failed(route.label(), i + 1, "status " + response.status());
				}
				bytes += response.bytes();
			}
			catch (IOException ex) {
				return RouteFigures.failed(route.label(), i + 1,
						"failed: " + ex.getClass().getSimpleName() + (dashboard.isAlive() ? "" : ", dashboard exited"));
			}
			nanos[i] = System.nanoTime() - start;
		}
		return RouteFigures.of(route.label(), nanos, bytes);
	}

	private RouteFigures measureCsv(DashboardProcess dashboard) throws Exception {
		String label = String.format(Locale.ROOT, "CSV %s (%,d tickets)", CSV_PATH, this.settings.bigEventTickets());
		long[] nanos = new long[this.settings.csvRuns()];
		long bytes = 0;
		double peak = 0;
		double retained = 0;
		for (int i = 0; i < nanos.length; i++) {
			dashboard.collectGarbage();
			long baseline = dashboard.usedHeap();
			HeapSampler sampler = new HeapSampler(dashboard);
			sampler.start();
			long start = System.nanoTime();
			DashboardProcess.Response response = dashboard.get(CSV_PATH, WHOLE_TABLE_TIMEOUT);
			nanos[i] = System.nanoTime() - start;
			long sampledPeak = sampler.stop();
			if (response.status() != 200) {
				return RouteFigures.failed(label, i + 1, "status " + response.status());
			}
			bytes += response.bytes();
			dashboard.collectGarbage();
			peak = Math.max(peak, (sampledPeak - baseline) / 1048576.0);
			retained = Math.max(retained, (dashboard.usedHeap() - baseline) / 1048576.0);
		}
		return RouteFigures.of(label, nanos, bytes).withHeap(peak, retained);
	}

	private static RouteFigures report(RouteFigures figures) {
		System.out.printf(Locale.ROOT, "%-45s n=%4d p50=%9.1f ms p95=%9.1f ms max=%9.1f ms %s%n", figures.label(),
				figures.requests(), figures.p50Millis(), figures.p95Millis(), figures.maxMillis(), figures.note());
		return figures;
	}

	private static String loadAverage() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).strip();
	}

	/**
	 * Polls the dashboard's used heap every 20 ms in a thread of its own.
	 */
	private static final class HeapSampler {

		private final DashboardProcess dashboard;

		private final AtomicLong peak = new AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread;

		HeapSampler(DashboardProcess dashboard) {
			this.dashboard = dashboard;
			this.thread = new Thread(this::sample, "heap-sampler");
		}

		void start() {
			this.thread.start();
		}

		long stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join();
			return this.peak.get();
		}

		private void sample() {
			while (this.running.get()) {
				try {
					this.peak.accumulateAndGet(this.dashboard.usedHeap(), Math::max);
					Thread.sleep(20);
				}
				catch (IOException ex) {
					return;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

	}

}
