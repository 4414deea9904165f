package ch.petziwebhook.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker started as its own JVM on free loopback ports, from
 * the Kafka jars on this module's test class path. Unlike the in-process broker, it
 * shares no heap, threads or garbage collector with the code that measures it. Output
 * goes to {@code target/e2e-logs/kafka.log}; the log directory is deleted on close.
 */
final class BrokerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final String bootstrapServers;

	private final Path directory;

	private final Process process;

	private BrokerProcess(String bootstrapServers, Path directory, Process process) {
		this.bootstrapServers = bootstrapServers;
		this.directory = directory;
		this.process = process;
	}

	/**
	 * Formats a fresh log directory, starts the broker and waits until it returns a
	 * description of the cluster.
	 * @param heap the broker's {@code -Xmx}, for example {@code 512m}
	 * @return the running broker
	 */
	static BrokerProcess start(String heap) {
		int port = ServiceProcess.freePort();
		int controllerPort = ServiceProcess.freePort();
		try {
			Path directory = Files.createTempDirectory("e2e-kafka");
			Path properties = directory.resolve("server.properties");
			Files.writeString(properties, serverProperties(port, controllerPort, directory.resolve("data")));
			Path log = Path.of("target", "e2e-logs", "kafka.log").toAbsolutePath();
			Files.createDirectories(log.getParent());

			format(properties, log);
			Process process = new ProcessBuilder(
					java(List.of("-Xms256m", "-Xmx" + heap), "kafka.Kafka", properties.toString()))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			BrokerProcess broker = new BrokerProcess("127.0.0.1:" + port, directory, process);
			broker.awaitReady(port, log);
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to start a Kafka broker process", ex);
		}
	}

	String bootstrapServers() {
		return this.bootstrapServers;
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
		deleteDirectory();
	}

	private static String serverProperties(int port, int controllerPort, Path data) {
		return """
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@127.0.0.1:%d
				listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
				advertised.listeners=PLAINTEXT://127.0.0.1:%d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%s
				num.partitions=1
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				""".formatted(controllerPort, port, controllerPort, port, data);
	}

	private static void format(Path properties, Path log) throws IOException {
		Process format = new ProcessBuilder(java(List.of("-Xmx256m"), "kafka.tools.StorageTool", "format", "-t",
				Uuid.randomUuid().toString(), "-c", properties.toString()))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
				format.destroyForcibly();
				throw new IllegalStateException("Failed to format the Kafka log directory; see " + log);
			}
		}
		catch (InterruptedException ex) {
			format.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while formatting the Kafka log directory", ex);
		}
	}

	private static List<String> java(List<String> jvmOptions, String mainClass, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(ServiceProcess.javaExecutable());
		command.addAll(jvmOptions);
		// The test class path carries the broker because spring-kafka-test depends on it.
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(arguments));
		return command;
	}

	private void awaitReady(int port, Path log) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		// Wait for the port first, because the admin client logs a warning for every
		// refused
		// connection.
		while (!isListening(port) && Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"Kafka exited with code " + this.process.exitValue() + " before it was ready; see " + log);
			}
			sleep(Duration.ofMillis(200));
		}
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				4000);
		try (Admin admin = Admin.create(config)) {
			while (Instant.now().isBefore(deadline)) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(
							"Kafka exited with code " + this.process.exitValue() + " before it was ready; see " + log);
				}
				try {
					admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
					return;
				}
				catch (ExecutionException | TimeoutException ex) {
					// Not listening yet: ask again.
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
		throw new IllegalStateException("Kafka was not ready after " + START_TIMEOUT + "; see " + log);
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
	}

	private void deleteDirectory() {
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to delete the Kafka log directory " + this.directory, ex);
		}
	}

}
