package ch.petziwebhook.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

import ch.petziwebhook.deploy.HealthCheck;
import ch.petziwebhook.deploy.LocalPostgres;
import ch.petziwebhook.deploy.LocalTopics;

/**
 * The processes of a fault run: PostgreSQL (the local stack's embedded server), a KRaft
 * Kafka broker, the projector and ingest. Each is its own process on free ports of
 * 127.0.0.1. Data, spool and logs live in the run's state folder, so they survive a kill.
 */
final class Stack implements AutoCloseable {

	private static final String VERSION = "0.1.0-SNAPSHOT";

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

	private final Path state;

	private final String classpath;

	private final String secret;

	private final Path logs;

	private final int kafkaPort = freePort();

	private final int controllerPort = freePort();

	private final int postgresPort = freePort();

	private final int ingestPort = freePort();

	private final int projectorPort = freePort();

	private final Map<Target, ManagedProcess> processes = new EnumMap<>(Target.class);

	Stack(Path state, Path repository, String classpath, String secret) {
		this.state = state;
		this.classpath = classpath;
		this.secret = secret;
		this.logs = state.resolve("logs");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.processes.put(Target.POSTGRES,
				new ManagedProcess("postgres",
						List.of(java, "-Xmx128m", "-cp", classpath, LocalPostgres.class.getName(),
								state.resolve("postgres-data").toString(), Integer.toString(this.postgresPort)),
						Map.of(), this.logs.resolve("postgres.log")));
		this.processes.put(Target.KAFKA, new ManagedProcess("kafka",
				List.of(java, "-Xms256m", "-Xmx512m", "-cp", classpath, "kafka.Kafka", kafkaProperties().toString()),
				Map.of(), this.logs.resolve("kafka.log")));
		this.processes.put(Target.PROJECTOR,
				service(java, repository, "projector",
						Map.of("SERVER_PORT", Integer.toString(this.projectorPort), "SPRING_KAFKA_BOOTSTRAP_SERVERS",
								bootstrapServers(), "SPRING_DATASOURCE_URL", jdbcUrl(), "SPRING_DATASOURCE_USERNAME",
								LocalPostgres.USERNAME, "SPRING_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD)));
		this.processes.put(Target.INGEST,
				service(java, repository, "ingest",
						Map.of("SERVER_PORT", Integer.toString(this.ingestPort), "SPRING_KAFKA_BOOTSTRAP_SERVERS",
								bootstrapServers(), "PETZI_WEBHOOK_SECRETS", secret, "PETZI_SPOOL_DIRECTORY",
								state.resolve("ingest-spool").toString())));
	}

	private ManagedProcess service(String java, Path repository, String name, Map<String, String> environment) {
		String module = name + "-service";
		Path jar = repository.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + "; build it with ./mvnw -B package -DskipTests");
		}
		return new ManagedProcess(name, List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()),
				environment, this.logs.resolve(name + ".log"));
	}

	/**
	 * Formats Kafka's storage, starts every process in order and waits until each is
	 * ready.
	 * @throws Exception if a process fails to start or to become ready
	 */
	void start() throws Exception {
		Files.createDirectories(this.logs);
		formatKafkaStorage();
		for (Target target : Target.values()) {
			restart(target);
			if (target == Target.KAFKA) {
				LocalTopics.main(new String[] { bootstrapServers() });
			}
		}
	}

	/**
	 * Kills one process with SIGKILL. For PostgreSQL that is the postmaster and every
	 * server process, besides the launcher JVM.
	 * @throws Exception if the process could not be killed
	 */
	void kill(Target target) throws Exception {
		if (target == Target.POSTGRES) {
			killPostmaster();
		}
		this.processes.get(target).kill();
	}

	/**
	 * Starts one process again and waits until it is ready.
	 * @throws Exception if it does not become ready within four minutes
	 */
	void restart(Target target) throws Exception {
		ManagedProcess process = this.processes.get(target);
		System.out.printf("  starting %s%n", process.name());
		process.start();
		switch (target) {
			case POSTGRES -> awaitReady(process, () -> process.outputContains("LocalPostgres ready"));
			case KAFKA -> awaitReady(process, () -> isPortOpen(this.kafkaPort));
			case PROJECTOR -> awaitHealthy(process, this.projectorPort);
			case INGEST -> awaitHealthy(process, this.ingestPort);
		}
	}

	URI webhookUri() {
		return URI.create("http://127.0.0.1:" + this.ingestPort + "/webhook");
	}

	URI ingestHealthUri() {
		return URI.create("http://127.0.0.1:" + this.ingestPort + "/actuator/health");
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.postgresPort + "/" + LocalPostgres.DATABASE;
	}

	Path logs() {
		return this.logs;
	}

	/** Stops ingest, the projector, Kafka and PostgreSQL in this order. */
	@Override
	public void close() throws Exception {
		List<Target> order = new ArrayList<>(List.of(Target.values()));
		java.util.Collections.reverse(order);
		for (Target target : order) {
			this.processes.get(target).stop();
		}
		Optional<ProcessHandle> postmaster = postmaster();
		if (postmaster.isPresent() && postmaster.get().isAlive()) {
			System.out.printf("WARNING: PostgreSQL (pid %d) still runs after its launcher stopped, killing it%n",
					postmaster.get().pid());
			killPostmaster();
		}
	}

	private void awaitHealthy(ManagedProcess process, int port) throws Exception {
		URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
		HealthCheck.Result result = new HealthCheck().awaitUp(health, READY_TIMEOUT, ProcessHandle.of(process.pid()));
		if (result != HealthCheck.Result.UP) {
			throw new IllegalStateException(
					"Failed to start " + process.name() + ": " + result + "; see " + process.log());
		}
	}

	private void awaitReady(ManagedProcess process, Check check) throws Exception {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (!check.passes()) {
			if (!process.isAlive()) {
				throw new IllegalStateException(process.name() + " exited during start-up; see " + process.log());
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(process.name() + " was not ready within " + READY_TIMEOUT.toMinutes()
						+ " minutes; see " + process.log());
			}
			Thread.sleep(200);
		}
	}

	private void killPostmaster() throws InterruptedException {
		Optional<ProcessHandle> postmaster = postmaster();
		if (postmaster.isEmpty()) {
			return;
		}
		List<ProcessHandle> all = new ArrayList<>(postmaster.get().descendants().toList());
		all.add(postmaster.get());
		all.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle handle : all) {
			handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally((ex) -> handle).join();
		}
	}

	/** Reads the postmaster's pid from the first line of {@code postmaster.pid}. */
	private Optional<ProcessHandle> postmaster() {
		Path pidFile = this.state.resolve("postgres-data").resolve("postmaster.pid");
		try {
			if (!Files.isRegularFile(pidFile)) {
				return Optional.empty();
			}
			List<String> lines = Files.readAllLines(pidFile);
			return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private void formatKafkaStorage() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path log = this.logs.resolve("kafka-format.log");
		Process format = new ProcessBuilder(java, "-cp", this.classpath, "kafka.tools.StorageTool", "format", "-t",
				Uuid.randomUuid().toString(), "-c", kafkaProperties().toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (format.waitFor() != 0) {
			throw new IllegalStateException("Failed to format Kafka's storage; see " + log);
		}
	}

	private Path kafkaProperties() {
		Path file = this.state.resolve("kafka.properties");
		String properties = """
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
				""".formatted(this.controllerPort, this.kafkaPort, this.controllerPort, this.kafkaPort,
				this.state.resolve("kafka-data"));
		try {
			Files.createDirectories(this.state);
			Files.writeString(file, properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to write " + file, ex);
		}
		return file;
	}

	private static boolean isPortOpen(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to find a free port", ex);
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean passes() throws Exception;

	}

}
