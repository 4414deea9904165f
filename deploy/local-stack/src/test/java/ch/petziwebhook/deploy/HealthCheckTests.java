package ch.petziwebhook.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.petziwebhook.deploy.HealthCheck.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link HealthCheck} against a JDK HTTP server on a random port that plays an
 * Actuator health endpoint.
 */
class HealthCheckTests {

	private final HealthCheck healthCheck = new HealthCheck();

	private HttpServer server;

	private int status = 200;

	private String body = "{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}";

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/actuator/health", (exchange) -> {
			byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void upWhenStatusUp() throws Exception {
		Result result = this.healthCheck.awaitUp(health(), Duration.ofSeconds(5), Optional.empty());

		assertThat(result).isEqualTo(Result.UP);
	}

	@Test
	void timesOutWhenStatusDown() throws Exception {
		this.status = 503;
		this.body = "{\"status\":\"DOWN\"}";

		Result result = this.healthCheck.awaitUp(health(), Duration.ZERO, Optional.empty());

		assertThat(result).isEqualTo(Result.TIMED_OUT);
	}

	@Test
	void notUpWhenLoginRequired() throws Exception {
		this.status = 401;

		assertThat(this.healthCheck.isUp(health())).isFalse();
	}

	@Test
	void notUpWhenConnectionRefused() throws Exception {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/actuator/health");
		}

		assertThat(this.healthCheck.isUp(closed)).isFalse();
	}

	@Test
	void stopsWhenProcessExited() throws Exception {
		this.status = 503;
		Process process = new ProcessBuilder("java", "-version").start();
		process.waitFor();

		Result result = this.healthCheck.awaitUp(health(), Duration.ofSeconds(30), Optional.of(process.toHandle()));

		assertThat(result).isEqualTo(Result.PROCESS_EXITED);
	}

	private URI health() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/actuator/health");
	}

}
