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
		List<RouteFigures> routeFigures = new ArrayList<>();
		List<BulkFigures> bulkFigures = new ArrayList<>();
		try (DashboardProcess dashboard = DashboardProcess.start(this.settings, jdbcUrl, user, password, log)) {
			List<Route> routes = Route.all(this.settings.tickets());
			for (Route route : routes) {
				if (!route.wholeTable()) {
					routeFigures.add(report(measure(dashboard, route)));
				}
			}
			for (Route route : routes) {
				if (route.wholeTable()) {
					bulkFigures.add(report(measureWholeTable(dashboard, route)));
				}
			}
		}
		bulkFigures.add(report(measureCsv(jdbcUrl, user, password)));
		System.out.println("Load average after: " + loadAverage());

		String tables = ResultTable.markdown(routeFigures, bulkFigures);
		System.out.println();
		System.out.print(tables);
		if (this.settings.markdown() != null) {
			Files.writeString(this.settings.markdown(), tables);
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
	private BulkFigures measureWholeTable(DashboardProcess dashboard, Route route) throws Exception {
		String heap = this.settings.dashboardHeap();
		long[] nanos = new long[this.settings.wholeListRequests()];
		long bytes = 0;
		for (int i = 0; i < nanos.length; i++) {
			long start = System.nanoTime();
			try {
				DashboardProcess.Response response = dashboard.get(route.path(), WHOLE_TABLE_TIMEOUT);
				if (response.status() != 200) {
					return BulkFigures.failed(route.label(), heap, i + 1, "status " + response.status());
				}
				bytes += response.bytes();
			}
			catch (IOException ex) {
				return BulkFigures.failed(route.label(), heap, i + 1,
						"failed: " + ex.getClass().getSimpleName() + (dashboard.isAlive() ? "" : ", dashboard exited"));
			}
			nanos[i] = System.nanoTime() - start;
		}
		return BulkFigures.of(route.label(), heap, nanos, bytes);
	}

	// The export runs on a dashboard of its own with a small heap and a GC log. The small
	// heap makes the JVM collect during the export, so the used heap after those
	// collections shows what the export keeps alive, while the sampled peak also counts
	// garbage that a large heap never had to collect.
	private BulkFigures measureCsv(String jdbcUrl, String user, String password) throws Exception {
		String label = String.format(Locale.ROOT, "CSV %s (%,d tickets)", CSV_PATH, this.settings.bigEventTickets());
		String heap = this.settings.csvHeap();
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
			deleteDashboardUsers(connection);
		}
		Path log = this.settings.dashboardLog().resolveSibling("dashboard-csv.log");
		GcLog gcLog = new GcLog(this.settings.dashboardLog().resolveSibling("dashboard-csv-gc.log"));
		System.out.println("CSV dashboard log: " + log);
		try (DashboardProcess dashboard = DashboardProcess.start(this.settings, heap, gcLog.file(), jdbcUrl, user,
				password, log)) {
			return measureCsv(dashboard, gcLog, label, heap);
		}
	}

	private BulkFigures measureCsv(DashboardProcess dashboard, GcLog gcLog, String label, String heap)
			throws Exception {
		long[] nanos = new long[this.settings.csvRuns()];
		long bytes = 0;
		double peak = 0;
		double live = Double.NaN;
		int collections = 0;
		double retained = 0;
		for (int i = 0; i < nanos.length; i++) {
			long beforeFullGc = gcLog.size();
			dashboard.collectGarbage();
			List<Long> fullGc = gcLog.usedAfterCollectionsSince(beforeFullGc);
			long baseline = dashboard.usedHeap();
			long exportStart = gcLog.size();
			HeapSampler sampler = new HeapSampler(dashboard);
			sampler.start();
			long start = System.nanoTime();
			DashboardProcess.Response response = dashboard.get(CSV_PATH, WHOLE_TABLE_TIMEOUT);
			nanos[i] = System.nanoTime() - start;
			long sampledPeak = sampler.stop();
			if (response.status() != 200) {
				return BulkFigures.failed(label, heap, i + 1, "status " + response.status());
			}
			bytes += response.bytes();
			List<Long> duringExport = gcLog.usedAfterCollectionsSince(exportStart);
			dashboard.collectGarbage();
			peak = Math.max(peak, BulkFigures.megabytes(sampledPeak - baseline));
			retained = Math.max(retained, BulkFigures.megabytes(dashboard.usedHeap() - baseline));
			collections += duringExport.size();
			if (!fullGc.isEmpty() && !duringExport.isEmpty()) {
				long liveBaseline = fullGc.get(fullGc.size() - 1);
				long highest = duringExport.stream().mapToLong(Long::longValue).max().getAsLong();
				live = Double.isNaN(live) ? BulkFigures.megabytes(highest - liveBaseline)
						: Math.max(live, BulkFigures.megabytes(highest - liveBaseline));
			}
		}
		return BulkFigures.of(label, heap, nanos, bytes).withHeap(peak, live, collections, retained);
	}

	private static BulkFigures report(BulkFigures figures) {
		System.out.printf(Locale.ROOT, "%-45s -Xmx%s n=%d p50=%.2f s max=%.2f s %.1f MB/s live heap +%.1f MB %s%n",
				figures.label(), figures.heap(), figures.runs(), figures.medianSeconds(), figures.maxSeconds(),
				figures.megabytesPerSecond(), figures.liveHeapMegabytes(), figures.note());
		return figures;
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
