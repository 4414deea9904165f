package ch.petziwebhook.ingest.secret;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSecretsSetting;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Reader of the compacted {@code petzi.settings} topic from its beginning, without a
 * consumer group, that hands every {@link WebhookSecretsSetting#KEY} record to
 * {@link WebhookSecrets}. While the broker or the topic is missing, it retries every
 * retry interval and the secrets stay as they are.
 */
public final class SettingsTopicFollower implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SettingsTopicFollower.class);

	private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

	private final Map<String, Object> consumerProperties;

	private final WebhookSecrets secrets;

	private final Duration retryInterval;

	private volatile KafkaConsumer<String, byte[]> consumer;

	private volatile Thread thread;

	private volatile boolean running;

	/**
	 * Creates the follower.
	 * @param consumerProperties the Kafka consumer properties, bootstrap servers included
	 * @param secrets the secrets to update
	 * @param retryInterval the wait after the broker or the topic was not found
	 */
	public SettingsTopicFollower(Map<String, Object> consumerProperties, WebhookSecrets secrets,
			Duration retryInterval) {
		this.consumerProperties = consumerProperties;
		this.secrets = secrets;
		this.retryInterval = retryInterval;
	}

	@Override
	public void start() {
		this.running = true;
		this.consumer = new KafkaConsumer<>(this.consumerProperties, new StringDeserializer(),
				new ByteArrayDeserializer());
		Thread follower = new Thread(this::run, "settings-follower");
		follower.setDaemon(true);
		this.thread = follower;
		follower.start();
	}

	@Override
	public void stop() {
		this.running = false;
		KafkaConsumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		Thread follower = this.thread;
		if (follower != null) {
			try {
				follower.join(Duration.ofSeconds(10).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		try (KafkaConsumer<String, byte[]> current = this.consumer) {
			while (this.running && !assign(current)) {
				sleep(this.retryInterval);
			}
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : current.poll(POLL_TIMEOUT)) {
					if (WebhookSecretsSetting.KEY.equals(record.key())) {
						log.info("Read webhook secrets setting at {}-{}@{}", record.topic(), record.partition(),
								record.offset());
						this.secrets.apply(record.value());
					}
				}
			}
		}
		catch (WakeupException ex) {
			// stop() woke the consumer up.
		}
		catch (RuntimeException ex) {
			log.error("Failed to follow {}, webhook secrets no longer change until a restart", PetziTopics.SETTINGS,
					ex);
		}
	}

	private boolean assign(KafkaConsumer<String, byte[]> current) {
		try {
			List<PartitionInfo> infos = current.partitionsFor(PetziTopics.SETTINGS, this.retryInterval);
			if (infos == null || infos.isEmpty()) {
				log.info("Found no topic {} yet, retrying in {}", PetziTopics.SETTINGS, this.retryInterval);
				return false;
			}
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			current.assign(partitions);
			current.seekToBeginning(partitions);
			log.info("Following {} from its beginning", PetziTopics.SETTINGS);
			return true;
		}
		catch (org.apache.kafka.common.errors.TimeoutException ex) {
			log.info("Failed to reach Kafka for {}, retrying in {}: {}", PetziTopics.SETTINGS, this.retryInterval,
					ex.getMessage());
			return false;
		}
	}

	private void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
