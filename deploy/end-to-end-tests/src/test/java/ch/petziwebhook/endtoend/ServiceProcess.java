package ch.petziwebhook.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service started from its executable jar as a separate JVM, the way the local stack
 * and production run it. Output goes to a log file under {@code target/e2e-logs}.
 */
final class ServiceProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private ServiceProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/**
	 * Starts a service module's executable jar on a free port.
	 * @param module the module folder, for example {@code ingest-service}
	 * @param environment environment variables for the process
	 * @return the started process, not yet healthy
	 */
	static ServiceProcess start(String module, Map<String, String> environment) {
		return start(module, environment, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
	}

	/**
	 * Starts a service module's executable jar on a free port with the given JVM options.
	 * @param module the module folder, for example {@code ingest-service}
	 * @param environment environment variables for the process
	 * @param jvmOptions options placed before {@code -jar}, for example {@code -Xmx512m}
	 * @return the started process, not yet healthy
	 */
	static ServiceProcess start(String module, Map<String, String> environment, List<String> jvmOptions) {
		Path jar = Path.of("..", "..", module, "target", module + "-0.1.0-SNAPSHOT-exec.jar")
			.toAbsolutePath()
			.normalize();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + "; build it first with ./mvnw -B package -DskipTests");
		}
		int port = freePort();
		Path log = Path.of("target", "e2e-logs", module + ".log").toAbsolutePath();
		try {
			Files.createDirectories(log.getParent());
			List<String> command = new ArrayList<>();
			command.add(javaExecutable());
			command.addAll(jvmOptions);
			command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			return new ServiceProcess(module, port, log, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to start " + module, ex);
		}
	}

	/**
	 * Waits until {@code /actuator/health} reports UP.
	 * @throws IllegalStateException if the process exits or the timeout passes first
	 */
	void awaitHealthy() {
		awaitHealthy(START_TIMEOUT);
	}

	/**
	 * Waits until {@code /actuator/health} reports UP.
	 * @param timeout the longest wait
	 * @throws IllegalStateException if the process exits or the timeout passes first
	 */
	void awaitHealthy(Duration timeout) {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(5)).build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue()
						+ " before it was healthy; see " + this.log);
			}
			if (isUp(client, request)) {
				return;
			}
			sleep(Duration.ofMillis(500));
		}
		throw new IllegalStateException(this.name + " was not healthy after " + timeout + "; see " + this.log);
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	Path log() {
		return this.log;
	}

	/**
	 * Kills the process the way {@code kill -9} does, without letting it shut down, and
	 * waits until it is gone.
	 */
	void kill() {
		try {
			if (!this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.name + " still runs 30 seconds after SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while killing " + this.name, ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static boolean isUp(HttpClient client, HttpRequest request) {
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a health check", ex);
		}
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to find a free port", ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a service", ex);
		}
	}

}
