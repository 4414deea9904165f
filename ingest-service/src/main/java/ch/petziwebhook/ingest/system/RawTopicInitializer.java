package ch.petziwebhook.ingest.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Background retry of topic creation. {@code KafkaAdmin} tries only once while the
 * context starts, so when the broker was down then, this component keeps trying every
 * retry interval until the raw topic exists with its configuration.
 */
class RawTopicInitializer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RawTopicInitializer.class);

	private final KafkaAdmin kafkaAdmin;

	private final Duration retryInterval;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "raw-topic-initializer");
		thread.setDaemon(true);
		return thread;
	});

	RawTopicInitializer(KafkaAdmin kafkaAdmin, Duration retryInterval) {
		this.kafkaAdmin = kafkaAdmin;
		this.retryInterval = retryInterval;
	}

	@EventListener(ApplicationReadyEvent.class)
	void startChecking() {
		this.executor.execute(this::initialize);
	}

	/**
	 * Creates the declared topics or updates their configuration, and schedules another
	 * attempt when the broker cannot be reached.
	 * @return whether the topics are in place
	 */
	boolean initialize() {
		try {
			this.kafkaAdmin.initialize();
			log.info("Checked Kafka topics");
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Failed to check Kafka topics, retrying in {}: {}", this.retryInterval, ex.getMessage());
			this.executor.schedule(this::initialize, this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
			return false;
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
