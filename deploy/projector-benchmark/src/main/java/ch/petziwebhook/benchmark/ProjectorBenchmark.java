package ch.petziwebhook.benchmark;

/**
 * Throughput benchmark of the projector, run by hand against a Kafka broker and a
 * PostgreSQL database started for it. It fills the raw topic with synthetic deliveries,
 * times a full projection by the projector's executable jar from an empty read model and
 * a full run of its {@code rebuild} command, and times plain JDBC upserts of the same
 * rows as a ceiling. It prints figures and asserts nothing.
 */
public final class ProjectorBenchmark {

	private ProjectorBenchmark() {
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
		printMachine();
		BenchmarkResults results = new BenchmarkResults();

		if (settings.steps().contains("fill")) {
			RawTopicFiller filler = new RawTopicFiller(settings.bootstrapServers());
			long existing = filler.prepareTopic(settings.partitions());
			if (existing > 0) {
				System.out.printf("fill: skipped, petzi.webhooks.raw already holds %,d records%n", existing);
			}
			else {
				filler.fill(settings.deliveries());
			}
		}
		if (settings.steps().contains("project")) {
			new ProjectorRun(settings, results).run("projector-benchmark-" + System.currentTimeMillis());
		}
		if (settings.steps().contains("rebuild")) {
			long records = new RawTopicFiller(settings.bootstrapServers()).prepareTopic(settings.partitions());
			new RebuildRun(settings, results).run(records);
		}
		if (settings.steps().contains("ceiling")) {
			new JdbcCeiling(settings, results).run();
		}
		if (settings.markdown() != null) {
			results.writeMarkdown(settings.markdown());
			System.out.printf("Wrote the figures to %s%n", settings.markdown());
		}
	}

	private static void printMachine() {
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("machine: %d processors, %s %s, Java %s, benchmark heap max %d MB%n",
				runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
				System.getProperty("java.version"), runtime.maxMemory() / (1024 * 1024));
	}

}
