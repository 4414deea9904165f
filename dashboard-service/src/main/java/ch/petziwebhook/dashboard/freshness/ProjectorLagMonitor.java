package ch.petziwebhook.dashboard.freshness;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts in the background how many deliveries on the raw topic the projector's consumer
 * group has not committed yet, so that pages read the last count without waiting for
 * Kafka.
 */
@Component
class ProjectorLagMonitor implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ProjectorLagMonitor.class);

	private final FreshnessProperties properties;

	private final KafkaAdmin kafkaAdmin;

	private final AtomicReference<Lag> lastLag = new AtomicReference<>();

	private volatile boolean lastFailed;

	private Admin admin;

	ProjectorLagMonitor(FreshnessProperties properties, KafkaAdmin kafkaAdmin) {
		this.properties = properties;
		this.kafkaAdmin = kafkaAdmin;
	}

	/**
	 * Returns the last count, or {@code null} when the last reading failed or none was
	 * made yet.
	 */
	Lag lastLag() {
		return this.lastLag.get();
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${petzi.freshness.refresh-interval:15s}")
	void refresh() {
		if (!this.properties.consumerLag()) {
			return;
		}
		try {
			long pending = readLag();
			this.lastLag.set(new Lag(pending, OffsetDateTime.now(ZoneOffset.UTC)));
			if (this.lastFailed) {
				log.info("Read the projector's consumer lag again: {} pending deliveries", pending);
			}
			this.lastFailed = false;
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			this.lastLag.set(null);
			// Logs once per outage, as the reading repeats every few seconds.
			if (!this.lastFailed) {
				log.warn("Failed to read the consumer lag of group {} on {}, pages show it as unknown: {}",
						this.properties.consumerGroup(), this.properties.topic(), ex.getMessage());
			}
			this.lastFailed = true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private long readLag() throws ExecutionException, InterruptedException, TimeoutException {
		Admin client = admin();
		long timeout = this.properties.timeout().toMillis();

		Set<TopicPartition> partitions = client.describeTopics(Set.of(this.properties.topic()))
			.allTopicNames()
			.get(timeout, TimeUnit.MILLISECONDS)
			.get(this.properties.topic())
			.partitions()
			.stream()
			.map((partition) -> new TopicPartition(this.properties.topic(), partition.partition()))
			.collect(Collectors.toSet());
		Map<TopicPartition, OffsetSpec> latest = partitions.stream()
			.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResultInfo> ends = client.listOffsets(latest)
			.all()
			.get(timeout, TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetAndMetadata> committed = client
			.listConsumerGroupOffsets(this.properties.consumerGroup())
			.partitionsToOffsetAndMetadata()
			.get(timeout, TimeUnit.MILLISECONDS);

		// The raw topic is kept forever, so a partition without a committed offset has
		// all its records pending.
		long pending = 0;
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata offset = committed.get(partition);
			long position = (offset != null) ? offset.offset() : 0;
			pending += Math.max(0, ends.get(partition).offset() - position);
		}
		return pending;
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			Map<String, Object> config = new java.util.HashMap<>(this.kafkaAdmin.getConfigurationProperties());
			int timeout = (int) this.properties.timeout().toMillis();
			config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
			config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
			config.put(AdminClientConfig.CLIENT_ID_CONFIG, "petzi-dashboard-lag");
			this.admin = Admin.create(config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(java.time.Duration.ofSeconds(2));
		}
	}

	/**
	 * One reading of the lag.
	 *
	 * @param pending deliveries not yet processed
	 * @param checkedAt when it was read
	 */
	record Lag(long pending, OffsetDateTime checkedAt) {

	}

}
