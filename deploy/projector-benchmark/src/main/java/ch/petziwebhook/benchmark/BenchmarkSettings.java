package ch.petziwebhook.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line settings of the benchmark.
 *
 * @param bootstrapServers the Kafka broker to fill and read
 * @param jdbcUrl the PostgreSQL database the projector writes; its {@code read_model}
 * schema is dropped before each run
 * @param user the database user
 * @param password the database password
 * @param deliveries how many raw records the fill step writes
 * @param partitions partitions of the raw topic when the fill step creates it
 * @param projectorJar the projector's executable jar
 * @param projectorHeap the projector's maximum heap, as for {@code -Xmx}
 * @param projectorJvmOptions further JVM options of the projector, separated by spaces
 * @param steps the steps to run, from {@code fill}, {@code project}, {@code rebuild},
 * {@code ceiling}
 * @param timeout the longest a projection or rebuild run may take
 * @param markdown the file to write the final figures to as a Markdown table, or
 * {@code null}
 */
record BenchmarkSettings(String bootstrapServers, String jdbcUrl, String user, String password, long deliveries,
		int partitions, Path projectorJar, String projectorHeap, List<String> projectorJvmOptions, Set<String> steps,
		Duration timeout, Path markdown) {

	static final String USAGE = """
			Usage: java -cp "$(cat deploy/projector-benchmark/target/projector-benchmark.classpath):\
			deploy/projector-benchmark/target/classes" ch.petziwebhook.benchmark.ProjectorBenchmark [options]
			  --bootstrap-server HOST:PORT  Kafka broker (required); use one started for the benchmark
			  --jdbc-url URL                PostgreSQL database (required); its read_model schema is dropped
			  --user NAME                   database user, default petzi
			  --password SECRET             database password, default petzi
			  --deliveries N                raw records to write in the fill step, default 1000000
			  --partitions N                partitions of petzi.webhooks.raw if created, default 3
			  --projector-jar PATH          default projector-service/target/projector-service-0.1.0-SNAPSHOT-exec.jar
			  --projector-heap SIZE         -Xmx of the projector, default 512m
			  --projector-jvm-options OPTS  further JVM options of the projector, separated by spaces
			  --steps LIST                  comma-separated from fill,project,rebuild,ceiling; default all four
			  --timeout-minutes N           longest projection or rebuild run, default 60
			  --markdown FILE               also write the final figures to FILE as a Markdown table
			""";

	static BenchmarkSettings parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected --option value pairs, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return new BenchmarkSettings(required(options, "bootstrap-server"), required(options, "jdbc-url"),
				options.getOrDefault("user", "petzi"), options.getOrDefault("password", "petzi"),
				Long.parseLong(options.getOrDefault("deliveries", "1000000")),
				Integer.parseInt(options.getOrDefault("partitions", "3")),
				Path.of(options.getOrDefault("projector-jar",
						"projector-service/target/projector-service-0.1.0-SNAPSHOT-exec.jar")),
				options.getOrDefault("projector-heap", "512m"),
				List.of(options.getOrDefault("projector-jvm-options", "").split(" "))
					.stream()
					.filter((option) -> !option.isBlank())
					.toList(),
				Set.of(options.getOrDefault("steps", "fill,project,rebuild,ceiling").split(",")),
				Duration.ofMinutes(Long.parseLong(options.getOrDefault("timeout-minutes", "60"))),
				options.containsKey("markdown") ? Path.of(options.get("markdown")) : null);
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing --" + name);
		}
		return value;
	}

}
