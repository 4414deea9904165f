package ch.petziwebhook.benchmark.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's executable jar, run as a process on a free port of 127.0.0.1 with a
 * logged-in session. Kafka is pointed at a closed port and the consumer lag check is off,
 * so pages cost only their database queries.
 */
final class DashboardProcess implements AutoCloseable {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern HEAP_LINE = Pattern
		.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+(\\S+)", Pattern.MULTILINE);

	private final Process process;

	private final URI base;

	private final HttpClient client;

	private final HttpClient metricsClient = HttpClient.newHttpClient();

	private DashboardProcess(Process process, URI base) {
		this.process = process;
		this.base = base;
		this.client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Starts the dashboard, waits until its health check returns 200 and logs in as the
	 * first admin, whose password is made up for this run.
	 */
	static DashboardProcess start(BenchmarkSettings settings, String jdbcUrl, String user, String password, Path log)
			throws IOException, InterruptedException {
		return start(settings, settings.dashboardHeap(), null, jdbcUrl, user, password, log);
	}

	/**
	 * Starts the dashboard as
	 * {@link #start(BenchmarkSettings, String, String, String, Path)} does, with the
	 * given maximum heap and the JVM's GC log, one line per collection.
	 * @param heap the maximum heap, as for {@code -Xmx}
	 * @param gcLog the file that receives the GC log, or {@code null} for none
	 */
	static DashboardProcess start(BenchmarkSettings settings, String heap, Path gcLog, String jdbcUrl, String user,
			String password, Path log) throws IOException, InterruptedException {
		String adminPassword = "benchmark-" + UUID.randomUUID();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + heap);
		if (gcLog != null) {
			Files.deleteIfExists(gcLog);
			command.add("-Xlog:gc:file=" + gcLog);
		}
		command.add("-jar");
		command.add(settings.dashboardJar().toString());
		int port = freePort();
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.add("--spring.datasource.url=" + jdbcUrl);
		command.add("--spring.datasource.username=" + user);
		command.add("--spring.datasource.password=" + password);
		command.add("--spring.kafka.bootstrap-servers=127.0.0.1:" + freePort());
		command.add("--petzi.freshness.consumer-lag=false");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("PETZI_ADMIN_USERNAME", "admin");
		builder.environment().put("PETZI_ADMIN_PASSWORD", adminPassword);
		Process process = builder.start();
		// Stops the dashboard when the benchmark is interrupted, too.
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
		DashboardProcess dashboard = new DashboardProcess(process, URI.create("http://127.0.0.1:" + port));
		try {
			dashboard.awaitHealthy(Duration.ofMinutes(10), log);
			dashboard.logIn("admin", adminPassword);
			return dashboard;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			dashboard.close();
			throw ex;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void awaitHealthy(Duration timeout, Path log) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The dashboard exited with code " + this.process.exitValue()
						+ " before it was healthy; see " + log);
			}
			try {
				if (get("/actuator/health").status() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The dashboard was not healthy after " + timeout + "; see " + log);
	}

	private void logIn(String username, String password) throws IOException, InterruptedException {
		HttpResponse<String> form = this.client.send(request("/auth/login").build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF_FIELD.matcher(form.body());
		if (!csrf.find()) {
			throw new IllegalStateException("The login page has no CSRF field, status " + form.statusCode());
		}
		String body = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
				+ encode(csrf.group(1));
		HttpResponse<Void> login = this.client
			.send(request("/auth/login").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding());
		String location = login.headers().firstValue("Location").orElse("");
		if (login.statusCode() != 302 || location.contains("error") || location.contains("throttled")) {
			throw new IllegalStateException(
					"Failed to log in as the first admin: status " + login.statusCode() + ", redirect to " + location);
		}
	}

	/**
	 * Sends a GET in the logged-in session and reads the whole body.
	 * @return the status and the size of the body
	 */
	Response get(String path) throws IOException, InterruptedException {
		return get(path, Duration.ofSeconds(60));
	}

	Response get(String path, Duration timeout) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = this.client.send(request(path).timeout(timeout).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		long bytes = 0;
		byte[] buffer = new byte[64 * 1024];
		try (InputStream body = response.body()) {
			for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
				bytes += read;
			}
		}
		return new Response(response.statusCode(), bytes);
	}

	/**
	 * Reads the used heap of all heap pools from the Prometheus endpoint.
	 * @return the used heap in bytes
	 */
	long usedHeap() throws IOException, InterruptedException {
		HttpResponse<String> response = this.metricsClient.send(
				HttpRequest.newBuilder(this.base.resolve("/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher line = HEAP_LINE.matcher(response.body());
		double used = 0;
		while (line.find()) {
			used += Double.parseDouble(line.group(1));
		}
		return (long) used;
	}

	/**
	 * Runs a full garbage collection in the dashboard with {@code jcmd}, so that the used
	 * heap that follows counts live objects only.
	 */
	void collectGarbage() throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.process.pid()), "GC.run")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
			throw new IllegalStateException("jcmd GC.run failed for process " + this.process.pid());
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * The result of one request.
	 *
	 * @param status the HTTP status
	 * @param bytes the size of the body
	 */
	record Response(int status, long bytes) {

	}

}
