package ch.petziwebhook.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the projector's {@code rebuild} command as its own process, after the
 * {@code project} step left a live read model: it replays the whole raw topic into the
 * shadow schema, compares it with the live one and swaps them when they agree. Timed from
 * the process start to its exit.
 */
final class RebuildRun {

	private final BenchmarkSettings settings;

	private final BenchmarkResults results;

	RebuildRun(BenchmarkSettings settings, BenchmarkResults results) {
		this.settings = settings;
		this.results = results;
	}

	void run(long total) throws Exception {
		Path log = Files.createTempFile("projector-rebuild-", ".log");
		System.out.printf("rebuild: %,d records, output %s%n", total, log);

		long start = System.nanoTime();
		Process rebuild = start(log);
		long peakRssKb = 0;
		try {
			while (rebuild.isAlive()) {
				Thread.sleep(2000);
				peakRssKb = Math.max(peakRssKb, rssKb(rebuild.pid()));
				System.out.printf("rebuild: %.0f s elapsed, %s%n", (System.nanoTime() - start) / 1e9, lastLine(log));
				if (Duration.ofNanos(System.nanoTime() - start).compareTo(this.settings.timeout()) > 0) {
					throw new IllegalStateException("Rebuild timed out after " + this.settings.timeout());
				}
			}
		}
		finally {
			rebuild.destroy();
			rebuild.waitFor();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
		boolean swapped = output.stream().anyMatch((line) -> line.startsWith("Swapped"));
		System.out.printf("rebuild: RESULT exit status %d, %s%n", rebuild.exitValue(),
				swapped ? "schemas agreed and were swapped" : "NOT swapped, see the output");
		System.out.printf("rebuild: RESULT %,d records rebuilt in %.1f s from the process start to its exit,"
				+ " %,.0f records/s%n", total, seconds, total / seconds);
		System.out.printf("rebuild: RESULT peak RSS of the rebuild process %d MB%n", peakRssKb / 1024);
		this.results.add("rebuild", "exit status, swapped", rebuild.exitValue() + ", " + swapped);
		this.results.add("rebuild", "full rebuild of " + total + " records (s, start to exit)",
				"%.1f".formatted(seconds));
		this.results.add("rebuild", "rate over the whole command (records/s)", "%.0f".formatted(total / seconds));
		this.results.add("rebuild", "peak RSS (MB)", Long.toString(peakRssKb / 1024));
	}

	private Process start(Path log) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + this.settings.projectorHeap());
		command.addAll(this.settings.projectorJvmOptions());
		command.add("-jar");
		command.add(this.settings.projectorJar().toString());
		command.add("rebuild");
		command.add("--spring.kafka.bootstrap-servers=" + this.settings.bootstrapServers());
		command.add("--spring.datasource.url=" + this.settings.jdbcUrl());
		command.add("--spring.datasource.username=" + this.settings.user());
		command.add("--spring.datasource.password=" + this.settings.password());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static String lastLine(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return lines.isEmpty() ? "no output yet" : lines.get(lines.size() - 1);
	}

	private static long rssKb(long pid) {
		try {
			for (String line : Files.readAllLines(new File("/proc/" + pid + "/status").toPath())) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (IOException ex) {
			// Not on Linux, or the process just ended: memory is not reported.
		}
		return 0;
	}

}
