package ch.petziwebhook.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Reader of {@code petzi.webhooks.raw} in tests, with a plain consumer that reads every
 * partition from the beginning.
 */
public final class RawTopicRecords {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private RawTopicRecords() {
	}

	/**
	 * Finds the record that carries a delivery id, waiting until it arrives.
	 * @throws AssertionError if no such record arrives in time
	 */
	public static ConsumerRecord<String, byte[]> find(EmbeddedKafkaBroker broker, String deliveryId) {
		Map<String, Object> properties = KafkaTestUtils.consumerProps(broker, "raw-topic-reader", false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(PetziTopics.RAW)
				.stream()
				.map((PartitionInfo info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (deliveryId.equals(header(record, PetziHeaders.DELIVERY_ID).orElse(null))) {
						return record;
					}
				}
			}
		}
		throw new AssertionError("No record with " + PetziHeaders.DELIVERY_ID + " " + deliveryId + " on "
				+ PetziTopics.RAW + " within " + WAIT);
	}

	/**
	 * Reads every record of the raw topic, waiting until at least the expected number
	 * arrived, then reading on for a moment so that extra records would show.
	 * @throws AssertionError if fewer records arrive in time
	 */
	public static List<ConsumerRecord<String, byte[]>> awaitAll(String bootstrapServers, int expected, Duration wait) {
		Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			long deadline = System.nanoTime() + wait.toNanos();
			List<TopicPartition> partitions = List.of();
			while (partitions.isEmpty() && System.nanoTime() < deadline) {
				partitions = consumer.listTopics(Duration.ofSeconds(5))
					.getOrDefault(PetziTopics.RAW, List.of())
					.stream()
					.map((PartitionInfo info) -> new TopicPartition(info.topic(), info.partition()))
					.toList();
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
		}
		if (records.size() < expected) {
			throw new AssertionError("Only " + records.size() + " of " + expected + " records arrived on "
					+ PetziTopics.RAW + " within " + wait);
		}
		return records;
	}

	/**
	 * Returns the UTF-8 value of a record header, or empty when the record has none.
	 */
	public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return Optional.ofNullable(header).map((found) -> new String(found.value(), StandardCharsets.UTF_8));
	}

}
