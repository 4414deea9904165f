package ch.petziwebhook.benchmark.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line settings of the benchmark.
 *
 * @param jdbcUrl the PostgreSQL database to load and query, or {@code null} for an
 * embedded PostgreSQL that lives as long as the run
 * @param user the database user
 * @param password the database password
 * @param tickets how many tickets the load step writes
 * @param events how many events the tickets belong to
 * @param bigEventTickets how many of the tickets belong to the first event, the one the
 * CSV export reads
 * @param reload whether to load again although the database contains a finished load of
 * the same size
 * @param requests measured requests per route, after the warm-up
 * @param warmup requests per route before measuring
 * @param routeBudget the longest the measured requests of one route may take together; a
 * slower route is measured with fewer requests
 * @param wholeListRequests measured requests of each Flask path that returns a whole
 * table
 * @param csvRuns how many times the CSV export runs
 * @param dashboardJar the dashboard's executable jar
 * @param dashboardHeap the maximum heap of the dashboard that serves the routes and the
 * whole tables, as for {@code -Xmx}
 * @param csvHeap the maximum heap of the second dashboard that serves the CSV exports,
 * small so that garbage is collected during an export
 * @param dashboardLog the file that receives the dashboard's output
 * @param markdown the file that receives the result table, or {@code null}
 */
record BenchmarkSettings(String jdbcUrl, String user, String password, int tickets, int events, int bigEventTickets,
		boolean reload, int requests, int warmup, Duration routeBudget, int wholeListRequests, int csvRuns,
		Path dashboardJar, String dashboardHeap, String csvHeap, Path dashboardLog, Path markdown) {

	static final String USAGE = """
			Usage: java -cp "$(cat deploy/dashboard-benchmark/target/dashboard-benchmark.classpath):\
			deploy/dashboard-benchmark/target/classes" ch.petziwebhook.benchmark.dashboard.DashboardBenchmark [options]
			  --jdbc-url URL             PostgreSQL database to load (its read_model tables are emptied first)
			                             default: an embedded PostgreSQL for this run only
			  --user NAME                database user, default petzi
			  --password SECRET          database password, default petzi
			  --tickets N                tickets to load, default 1000000
			  --events N                 events the tickets belong to, default 200
			  --big-event-tickets N      tickets of the first event, which the CSV export reads, default 100000
			  --reload true|false        load again even when the database holds a load of this size, default false
			  --requests N               measured requests per route, default 200
			  --warmup N                 requests per route before measuring (at most 5 s of them), default 20
			  --route-seconds N          time budget of the measured requests of one route, default 10
			  --whole-list-requests N    measured requests of /tickets, /buyers and /sessions, default 2
			  --csv-runs N               CSV exports of the first event, default 3
			  --dashboard-jar PATH       default dashboard-service/target/dashboard-service-0.1.0-SNAPSHOT-exec.jar
			  --dashboard-heap SIZE      -Xmx of the dashboard that serves routes and whole tables, default 512m
			  --csv-heap SIZE            -Xmx of the dashboard that serves the CSV exports, default 160m
			  --dashboard-log FILE       the dashboard's output, default deploy/dashboard-benchmark/target/dashboard.log
			  --markdown FILE            also write the result tables to FILE as Markdown
			""";

	static BenchmarkSettings parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected --option value pairs, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		BenchmarkSettings settings = new BenchmarkSettings(options.remove("jdbc-url"),
				options.getOrDefault("user", "petzi"), options.getOrDefault("password", "petzi"),
				intOption(options, "tickets", 1_000_000), intOption(options, "events", 200),
				intOption(options, "big-event-tickets", 100_000),
				Boolean.parseBoolean(options.getOrDefault("reload", "false")), intOption(options, "requests", 200),
				intOption(options, "warmup", 20), Duration.ofSeconds(intOption(options, "route-seconds", 10)),
				intOption(options, "whole-list-requests", 2), intOption(options, "csv-runs", 3),
				Path.of(options.getOrDefault("dashboard-jar",
						"dashboard-service/target/dashboard-service-0.1.0-SNAPSHOT-exec.jar")),
				options.getOrDefault("dashboard-heap", "512m"), options.getOrDefault("csv-heap", "160m"),
				Path.of(options.getOrDefault("dashboard-log", "deploy/dashboard-benchmark/target/dashboard.log")),
				options.containsKey("markdown") ? Path.of(options.get("markdown")) : null);
		options.keySet()
			.removeAll(java.util.Set.of("user", "password", "tickets", "events", "big-event-tickets", "reload",
					"requests", "warmup", "route-seconds", "whole-list-requests", "csv-runs", "dashboard-jar",
					"dashboard-heap", "csv-heap", "dashboard-log", "markdown"));
		if (!options.isEmpty()) {
			throw new IllegalArgumentException("Unknown option --" + options.keySet().iterator().next());
		}
		if (settings.bigEventTickets() >= settings.tickets() || settings.events() < 2) {
			throw new IllegalArgumentException(
					"Expected at least 2 events and fewer --big-event-tickets than --tickets, got " + settings.events()
							+ " events and " + settings.bigEventTickets() + " of " + settings.tickets() + " tickets");
		}
		if (settings.requests() < 1 || settings.wholeListRequests() < 1 || settings.csvRuns() < 1) {
			throw new IllegalArgumentException("--requests, --whole-list-requests and --csv-runs must be at least 1");
		}
		return settings;
	}

	private static int intOption(Map<String, String> options, String name, int defaultValue) {
		String value = options.get(name);
		try {
			return (value != null) ? Integer.parseInt(value.replace("_", "")) : defaultValue;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'", ex);
		}
	}

}
