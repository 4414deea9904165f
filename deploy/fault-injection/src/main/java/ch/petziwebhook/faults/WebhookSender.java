package ch.petziwebhook.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.petziwebhook.faults.SendPlan.PlannedSend;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.WebhookSigner;

/**
 * Sender of planned webhooks at their planned times, signed as Petzi signs them. A send
 * that gets no 200 is recorded and not retried: Petzi's own retries are few and late, so
 * a delivery it gives up on is only recorded here, never sent again as the same send.
 */
final class WebhookSender {

	private static final Pattern DELIVERY_ID = Pattern.compile("\"deliveryId\"\\s*:\\s*\"([^\"]+)\"");

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final URI endpoint;

	private final WebhookSigner signer;

	private final HttpClient client;

	private final FaultScheduler scheduler;

	private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

	WebhookSender(URI endpoint, WebhookSigner signer, ExecutorService executor, FaultScheduler scheduler) {
		this.endpoint = endpoint;
		this.signer = signer;
		this.scheduler = scheduler;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(executor)
			.build();
	}

	/**
	 * Sends every planned webhook at its time and waits for all responses.
	 * @param plan the sends, ordered by time
	 * @param startNanos the {@link System#nanoTime()} at which the traffic started
	 * @param startEpochSecond the unix time in seconds at which the traffic started
	 * @param firstId the id of the first send
	 * @return one result per send, in plan order
	 * @throws InterruptedException if interrupted while waiting
	 */
	List<SendResult> send(List<PlannedSend> plan, long startNanos, long startEpochSecond, long firstId)
			throws InterruptedException {
		List<CompletableFuture<SendResult>> results = new ArrayList<>(plan.size());
		long id = firstId - 1;
		for (PlannedSend planned : plan) {
			long waitNanos = startNanos + planned.at().toNanos() - System.nanoTime();
			if (waitNanos > 0) {
				Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
			}
			results.add(sendOne(++id, planned, startEpochSecond + planned.signatureOffset()));
		}
		return results.stream().map(CompletableFuture::join).toList();
	}

	/**
	 * Returns how many sends ended how: an HTTP status, or the exception when none came.
	 */
	Map<String, Long> outcomes() {
		Map<String, Long> counts = new TreeMap<>();
		this.outcomes.forEach((outcome, count) -> counts.put(outcome, count.get()));
		return counts;
	}

	private CompletableFuture<SendResult> sendOne(long id, PlannedSend planned, long signatureTimestamp) {
		long startedNanos = System.nanoTime();
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header(PetziHeaders.SIGNATURE, this.signer.header(signatureTimestamp, planned.body()))
			.header(PetziHeaders.VERSION, "2")
			.header("User-Agent", "PETZI webhook")
			.POST(HttpRequest.BodyPublishers.ofByteArray(planned.body()))
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
			int status = (response != null) ? response.statusCode() : 0;
			String deliveryId = (status == 200) ? deliveryId(response.body()) : null;
			String outcome = (response != null) ? "HTTP " + status : rootCause(error).getClass().getSimpleName();
			this.outcomes.computeIfAbsent(outcome, (key) -> new AtomicLong()).incrementAndGet();
			String window = this.scheduler.windowOf(startedNanos, System.nanoTime());
			return new SendResult(id, window, planned.bodyKey(), planned.ticket(), signatureTimestamp, planned.state(),
					status, deliveryId);
		});
	}

	private static Throwable rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String deliveryId(String body) {
		Matcher matcher = DELIVERY_ID.matcher(body);
		return matcher.find() ? matcher.group(1) : null;
	}

}
