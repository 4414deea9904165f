package ch.petziwebhook.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Poller of a Spring Boot Actuator health endpoint until it reports {@code UP}, so that
 * the launcher needs no curl or wget.
 */
public final class HealthCheck {

	private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Outcome of waiting for a service. */
	public enum Result {

		/** The endpoint returned 200 with status {@code UP}. */
		UP,

		/** The timeout passed before the endpoint reported {@code UP}. */
		TIMED_OUT,

		/** The watched process ended before the endpoint reported {@code UP}. */
		PROCESS_EXITED

	}

	/**
	 * Polls the endpoint once a second until it reports {@code UP}, the timeout passes or
	 * the watched process ends.
	 * @param endpoint the health URL, for example
	 * {@code http://127.0.0.1:8081/actuator/health}
	 * @param timeout how long to wait at most
	 * @param process the process serving the endpoint, empty to watch none
	 * @return the outcome
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Result awaitUp(URI endpoint, Duration timeout, Optional<ProcessHandle> process) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			if (isUp(endpoint)) {
				return Result.UP;
			}
			if (process.isPresent() && !process.get().isAlive()) {
				return Result.PROCESS_EXITED;
			}
			if (Instant.now().isAfter(deadline)) {
				return Result.TIMED_OUT;
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
	}

	/**
	 * Returns whether the endpoint returns 200 with status {@code UP}. A refused or timed
	 * out connection counts as not up.
	 * @param endpoint the health URL
	 * @return whether the service is up
	 * @throws InterruptedException if interrupted while waiting for the response
	 */
	boolean isUp(URI endpoint) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).GET().build();
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find();
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Waits for a health endpoint and exits with 0 when it is up, 1 on timeout and 3 when
	 * the watched process ended first.
	 * @param args the health URL, the timeout in seconds, optionally the pid to watch
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void main(String[] args) throws InterruptedException {
		if (args.length < 2 || args.length > 3) {
			System.err.println("Usage: HealthCheck <health url> <timeout seconds> [pid of the service]");
			System.exit(2);
		}
		URI endpoint = URI.create(args[0]);
		Duration timeout = Duration.ofSeconds(Long.parseLong(args[1]));
		Optional<ProcessHandle> process = Optional.empty();
		if (args.length > 2) {
			process = ProcessHandle.of(Long.parseLong(args[2]));
			if (process.isEmpty()) {
				System.err
					.println("No process with pid " + args[2] + " is running, so " + endpoint + " cannot come up");
				System.exit(3);
			}
		}

		Result result = new HealthCheck().awaitUp(endpoint, timeout, process);
		switch (result) {
			case UP -> System.exit(0);
			case TIMED_OUT -> {
				System.err.println(endpoint + " did not report UP within " + timeout.toSeconds() + " seconds");
				System.exit(1);
			}
			case PROCESS_EXITED -> {
				System.err.println("The process serving " + endpoint + " exited before it reported UP");
				System.exit(3);
			}
		}
	}

}
