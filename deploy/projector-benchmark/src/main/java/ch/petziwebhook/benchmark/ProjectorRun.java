package ch.petziwebhook.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One full projection of the raw topic by the projector's executable jar, started as its
 * own process in a new consumer group against an emptied read model, timed until the
 * group's committed offsets reach the end of the topic.
 */
final class ProjectorRun {

	private final BenchmarkSettings settings;

	private final BenchmarkResults results;

	ProjectorRun(BenchmarkSettings settings, BenchmarkResults results) {
		this.settings = settings;
		this.results = results;
	}

	/**
	 * Empties the read model, runs the projector until it caught up and prints the
	 * figures.
	 */
	void run(String groupId) throws Exception {
		resetReadModel();
		long total = endOffsets().values().stream().mapToLong(Long::longValue).sum();
		Path log = Files.createTempFile("projector-benchmark-", ".log");
		System.out.printf("project: %,d records, group %s, projector log %s%n", total, groupId, log);

		long start = System.nanoTime();
		Process projector = start(groupId, log);
		try {
			Figures figures = awaitCaughtUp(projector, groupId, total, start);
			figures.print(total);
			figures.addTo(this.results, total);
			printRowCounts();
		}
		finally {
			projector.destroy();
			projector.waitFor();
		}
	}

	private Process start(String groupId, Path log) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + this.settings.projectorHeap());
		command.addAll(this.settings.projectorJvmOptions());
		command.add("-jar");
		command.add(this.settings.projectorJar().toString());
		command.add("--server.port=0");
		command.add("--spring.kafka.bootstrap-servers=" + this.settings.bootstrapServers());
		command.add("--spring.kafka.consumer.group-id=" + groupId);
		command.add("--spring.datasource.url=" + this.settings.jdbcUrl());
		command.add("--spring.datasource.username=" + this.settings.user());
		command.add("--spring.datasource.password=" + this.settings.password());
		command.add("--logging.level.ch.petziwebhook=WARN");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private Figures awaitCaughtUp(Process projector, String groupId, long total, long start) throws Exception {
		Figures figures = new Figures();
		long previousDone = 0;
		long previousTime = start;
		Duration timeout = this.settings.timeout();
		while (true) {
			Thread.sleep(2000);
			if (!projector.isAlive()) {
				throw new IllegalStateException("Projector exited with status " + projector.exitValue());
			}
			long now = System.nanoTime();
			long done = committed(groupId);
			figures.sampleMemory(projector.pid());
			if (done > 0 && figures.firstProgress == 0) {
				figures.firstProgress = now;
				figures.doneAtFirstProgress = done;
			}
			double rate = (done - previousDone) / ((now - previousTime) / 1e9);
			double elapsed = (now - start) / 1e9;
			String left = (rate > 0) ? String.format("%.0f s", (total - done) / rate) : "?";
			System.out.printf("project: %,d / %,d records, %,.0f records/s, %.0f s elapsed, %s left, RSS %d MB%n", done,
					total, rate, elapsed, left, figures.lastRssKb / 1024);
			previousDone = done;
			previousTime = now;
			if (done >= total) {
				figures.caughtUp = now;
				figures.start = start;
				return figures;
			}
			if (Duration.ofNanos(now - start).compareTo(timeout) > 0) {
				throw new IllegalStateException("Projector did not catch up within " + timeout);
			}
		}
	}

	private long committed(String groupId) throws ExecutionException, InterruptedException {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
				.partitionsToOffsetAndMetadata()
				.get();
			return offsets.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().topic().equals(PetziTopics.RAW) && entry.getValue() != null)
				.mapToLong((entry) -> entry.getValue().offset())
				.sum();
		}
	}

	private Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException {
		try (Admin admin = admin()) {
			int partitions = admin.describeTopics(List.of(PetziTopics.RAW))
				.allTopicNames()
				.get()
				.get(PetziTopics.RAW)
				.partitions()
				.size();
			Map<TopicPartition, OffsetSpec> request = new HashMap<>();
			for (int i = 0; i < partitions; i++) {
				request.put(new TopicPartition(PetziTopics.RAW, i), OffsetSpec.latest());
			}
			Map<TopicPartition, Long> end = new HashMap<>();
			for (Map.Entry<TopicPartition, ListOffsetsResultInfo> entry : admin.listOffsets(request)
				.all()
				.get()
				.entrySet()) {
				end.put(entry.getKey(), entry.getValue().offset());
			}
			return end;
		}
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.settings.bootstrapServers()));
	}

	private void resetReadModel() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS read_model CASCADE");
			statement.execute("DROP SCHEMA IF EXISTS read_model_shadow CASCADE");
			statement.execute("DROP SCHEMA IF EXISTS read_model_previous CASCADE");
			statement.execute("DROP TABLE IF EXISTS public.read_model_changelog, public.read_model_changelog_lock");
		}
	}

	private void printRowCounts() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String table : List.of("deliveries", "tickets", "ticket_sessions", "events", "sessions",
					"locations")) {
				try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM read_model." + table)) {
					rows.next();
					System.out.printf("project: read_model.%s has %,d rows%n", table, rows.getLong(1));
				}
			}
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.settings.jdbcUrl(), this.settings.user(), this.settings.password());
	}

	/**
	 * Times and memory of one run.
	 */
	private static final class Figures {

		private long start;

		private long firstProgress;

		private long doneAtFirstProgress;

		private long caughtUp;

		private long peakRssKb;

		private long lastRssKb;

		void sampleMemory(long pid) {
			File status = new File("/proc/" + pid + "/status");
			try {
				for (String line : Files.readAllLines(status.toPath())) {
					if (line.startsWith("VmRSS:")) {
						this.lastRssKb = Long.parseLong(line.replaceAll("\\D", ""));
						this.peakRssKb = Math.max(this.peakRssKb, this.lastRssKb);
					}
				}
			}
			catch (IOException ex) {
				// Not on Linux, or the process just ended: memory is not reported.
			}
		}

		void print(long total) {
			double rebuild = (this.caughtUp - this.start) / 1e9;
			double projecting = (this.caughtUp - this.firstProgress) / 1e9;
			System.out.printf("project: RESULT %,d records caught up %.1f s after the projector started%n", total,
					rebuild);
			System.out.printf(
					"project: RESULT sustained rate %,.0f records/s (%,d records in %.1f s after the first"
							+ " commit was seen)%n",
					(total - this.doneAtFirstProgress) / projecting, total - this.doneAtFirstProgress, projecting);
			System.out.printf("project: RESULT peak RSS of the projector process %d MB%n", this.peakRssKb / 1024);
		}

		void addTo(BenchmarkResults results, long total) {
			double projecting = (this.caughtUp - this.firstProgress) / 1e9;
			results.add("project", "projector start to caught up with " + total + " records (s)",
					"%.1f".formatted((this.caughtUp - this.start) / 1e9));
			results.add("project", "sustained rate after the first commit (records/s)",
					"%.0f".formatted((total - this.doneAtFirstProgress) / projecting));
			results.add("project", "peak RSS (MB)", Long.toString(this.peakRssKb / 1024));
		}

	}

}
