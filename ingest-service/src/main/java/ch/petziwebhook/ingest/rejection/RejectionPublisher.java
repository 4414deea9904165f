package ch.petziwebhook.ingest.rejection;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.RejectedWebhook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publisher of {@link RejectedWebhook} records to {@code petzi.webhooks.rejected}. It
 * never blocks or fails the HTTP response: records pass a rate limit, wait in a bounded
 * queue and are sent by one background thread, and whatever is dropped on the way is
 * counted in {@code petzi.ingest.rejections.dropped}.
 */
public final class RejectionPublisher implements DisposableBean {

	/** Request attribute under which the controller leaves the body it read. */
	public static final String BODY_ATTRIBUTE = RejectionPublisher.class.getName() + ".body";

	private static final Logger log = LoggerFactory.getLogger(RejectionPublisher.class);

	private static final int QUEUE_CAPACITY = 1000;

	private final KafkaTemplate<String, String> kafkaTemplate;

	private final RateLimiter rateLimiter;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final ThreadPoolExecutor executor;

	private final Counter rateLimited;

	private final Counter queueFull;

	private final Counter sendFailed;

	/**
	 * Creates the publisher.
	 * @param kafkaTemplate the template of the rejected topic's producer
	 * @param perSecond the largest number of records sent per second
	 * @param meterRegistry the registry of the dropped-record counters
	 */
	public RejectionPublisher(KafkaTemplate<String, String> kafkaTemplate, double perSecond,
			MeterRegistry meterRegistry) {
		this.kafkaTemplate = kafkaTemplate;
		this.rateLimiter = new RateLimiter(perSecond, System::nanoTime);
		this.rateLimited = droppedCounter(meterRegistry, "rate-limit");
		this.queueFull = droppedCounter(meterRegistry, "queue-full");
		this.sendFailed = droppedCounter(meterRegistry, "send-failed");
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
				(task) -> {
					Thread thread = new Thread(task, "rejection-publisher");
					thread.setDaemon(true);
					return thread;
				}, (task, pool) -> this.queueFull.increment());
	}

	private static Counter droppedCounter(MeterRegistry registry, String cause) {
		return Counter.builder("petzi.ingest.rejections.dropped")
			.description("Rejection records not published to " + PetziTopics.REJECTED)
			.tag("cause", cause)
			.register(registry);
	}

	/**
	 * Publishes a rejection record in the background unless the rate limit is reached.
	 * Returns at once.
	 */
	public void publish(RejectedWebhook rejection) {
		if (!this.rateLimiter.tryAcquire()) {
			this.rateLimited.increment();
			return;
		}
		this.executor.execute(() -> send(rejection));
	}

	private void send(RejectedWebhook rejection) {
		try {
			String json = this.jsonMapper.writeValueAsString(rejection);
			this.kafkaTemplate.send(PetziTopics.REJECTED, rejection.reason(), json).whenComplete((result, ex) -> {
				if (ex != null) {
					this.sendFailed.increment();
					log.debug("Failed to publish a rejection record: {}", ex.getMessage());
				}
			});
		}
		catch (RuntimeException ex) {
			// send() blocks for the broker's metadata at most max.block.ms, then throws.
			this.sendFailed.increment();
			log.debug("Failed to publish a rejection record: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
