package ch.petziwebhook.ingest.spool;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finder of the spooled deliveries that the raw topic contains already. The drainer calls
 * it before it sends a record whose outcome is unknown: one left in the spool by an
 * earlier run, or one whose earlier send failed although the broker may have written it.
 * <p>
 * One call reads each partition concerned once, with a short-lived consumer that has no
 * group: from the offset of the oldest delivery's receive time minus a margin up to the
 * end offset at the start of the call. A delivery's partition is the one the producer's
 * built-in partitioner picks for its key, so a custom {@code partitioner.class} on the
 * raw producer makes the check miss records, and they are sent again.
 */
public final class PublishedDeliveries {

	private static final Logger log = LoggerFactory.getLogger(PublishedDeliveries.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private final Map<String, Object> consumerProperties;

	private final Duration timeout;

	private final Duration margin;

	/**
	 * Creates the check.
	 * @param consumerProperties properties of the consumer, at least the bootstrap
	 * servers; a group id is removed
	 * @param timeout the longest one call may take
	 * @param margin how long before a delivery's receive time the reading starts, for
	 * clocks that differ or moved
	 */
	public PublishedDeliveries(Map<String, Object> consumerProperties, Duration timeout, Duration margin) {
		Map<String, Object> properties = new HashMap<>(consumerProperties);
		properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG,
				properties.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service") + "-spool-check");
		properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.consumerProperties = properties;
		this.timeout = timeout;
		this.margin = margin;
	}

	/**
	 * Returns the ids of the given deliveries that the raw topic contains.
	 * @throws org.apache.kafka.common.KafkaException if the topic could not be read in
	 * time
	 */
	public Set<UUID> find(Collection<RawDelivery> deliveries) {
		if (deliveries.isEmpty()) {
			return Set.of();
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerProperties,
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			List<PartitionInfo> partitions = consumer.partitionsFor(PetziTopics.RAW, left(deadline));
			if (partitions == null || partitions.isEmpty()) {
				throw new TimeoutException("Found no partitions of " + PetziTopics.RAW);
			}
			Map<TopicPartition, Long> fromTimes = new HashMap<>();
			Set<UUID> expected = new HashSet<>();
			for (RawDelivery delivery : deliveries) {
				int partition = BuiltInPartitioner.partitionForKey(delivery.key().getBytes(StandardCharsets.UTF_8),
						partitions.size());
				long from = Math.max(0, delivery.receivedAt().minus(this.margin).toEpochMilli());
				fromTimes.merge(new TopicPartition(PetziTopics.RAW, partition), from, Math::min);
				expected.add(delivery.id());
			}
			Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(fromTimes, left(deadline));
			Map<TopicPartition, Long> ends = consumer.endOffsets(fromTimes.keySet(), left(deadline));
			Map<TopicPartition, Long> toRead = new HashMap<>();
			for (TopicPartition partition : fromTimes.keySet()) {
				OffsetAndTimestamp start = starts.get(partition);
				Long end = ends.get(partition);
				if (start != null && end != null && start.offset() < end) {
					toRead.put(partition, end);
				}
			}
			Set<UUID> found = read(consumer, toRead, starts, expected, deadline);
			log.info("Checked {} spooled deliveries against {} partitions of {}: {} are in the topic already",
					deliveries.size(), toRead.size(), PetziTopics.RAW, found.size());
			return found;
		}
	}

	private Set<UUID> read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends,
			Map<TopicPartition, OffsetAndTimestamp> starts, Set<UUID> expected, long deadline) {
		Set<UUID> found = new HashSet<>();
		if (ends.isEmpty()) {
			return found;
		}
		consumer.assign(ends.keySet());
		ends.keySet().forEach((partition) -> consumer.seek(partition, starts.get(partition).offset()));
		Set<TopicPartition> open = new HashSet<>(ends.keySet());
		while (!open.isEmpty()) {
			if (System.nanoTime() - deadline > 0) {
				throw new TimeoutException("Did not read " + open + " up to the end offsets within " + this.timeout);
			}
			for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				if (record.offset() < ends.get(partition)) {
					UUID id = deliveryId(record);
					if (id != null && expected.contains(id)) {
						found.add(id);
					}
				}
			}
			for (TopicPartition partition : Set.copyOf(open)) {
				if (consumer.position(partition, left(deadline)) >= ends.get(partition)) {
					open.remove(partition);
					consumer.pause(Set.of(partition));
				}
			}
		}
		return found;
	}

	private static @Nullable UUID deliveryId(ConsumerRecord<byte[], byte[]> record) {
		Header header = record.headers().lastHeader(PetziHeaders.DELIVERY_ID);
		if (header == null) {
			return null;
		}
		try {
			return UUID.fromString(new String(header.value(), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Duration left(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

}
