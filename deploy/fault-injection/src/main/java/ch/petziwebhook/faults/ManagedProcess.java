package ch.petziwebhook.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the stack, started by this run, with its output appended to its own log
 * file across restarts.
 */
final class ManagedProcess {

	private final String name;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path log;

	private Process process;

	private long logStart;

	ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log) {
		this.name = name;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.log = log;
	}

	/**
	 * Starts the process. Variables starting with {@code SPRING_} or {@code PETZI_} are
	 * removed from the inherited environment, so only this run's settings apply.
	 * @throws IOException if the process could not be started
	 */
	void start() throws IOException {
		String banner = "%n=== %s started %s ===%n".formatted(this.name, Instant.now());
		Files.writeString(this.log, banner, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		this.logStart = Files.size(this.log);
		ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().keySet().removeIf((key) -> key.startsWith("SPRING_") || key.startsWith("PETZI_"));
		builder.environment().putAll(this.environment);
		this.process = builder.start();
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Returns whether the output since the last start contains the text.
	 * @throws IOException if the log cannot be read
	 */
	boolean outputContains(String text) throws IOException {
		byte[] bytes = Files.readAllBytes(this.log);
		int from = (int) Math.min(this.logStart, bytes.length);
		return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).contains(text);
	}

	/**
	 * Kills the process and its descendants with SIGKILL and waits until they are gone.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void kill() throws InterruptedException {
		if (this.process == null) {
			return;
		}
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException(this.name + " (pid " + pid() + ") still runs 30 s after SIGKILL");
		}
	}

	/**
	 * Stops the process with SIGTERM, or with SIGKILL when it still runs after 30
	 * seconds.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void stop() throws InterruptedException {
		if (!isAlive()) {
			return;
		}
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			System.out.printf("WARNING: %s (pid %d) did not stop within 30 s, killing it%n", this.name, pid());
			kill();
		}
	}

}
