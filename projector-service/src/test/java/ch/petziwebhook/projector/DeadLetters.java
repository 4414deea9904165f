package ch.petziwebhook.projector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

import org.awaitility.Awaitility;

/**
 * Test reader of the dead-letter topic.
 */
public final class DeadLetters {

	private final EmbeddedKafkaBroker broker;

	public DeadLetters(EmbeddedKafkaBroker broker) {
		this.broker = broker;
	}

	/**
	 * Waits until the dead-letter topic contains a record of the delivery.
	 */
	public ConsumerRecord<String, byte[]> awaitDeadLetter(UUID deliveryId) {
		return Awaitility.await()
			.atMost(ReadModelRows.TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> find(deliveryId), Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Returns every record on the dead-letter topic.
	 */
	public List<ConsumerRecord<String, byte[]>> all() {
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(PetziTopics.DEAD_LETTER)) {
				partitions.add(new TopicPartition(info.topic(), info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	private Optional<ConsumerRecord<String, byte[]>> find(UUID deliveryId) {
		return all().stream().filter((record) -> deliveryId.toString().equals(deliveryIdOf(record))).findFirst();
	}

	private static String deliveryIdOf(ConsumerRecord<String, byte[]> record) {
		Header header = record.headers().lastHeader(PetziHeaders.DELIVERY_ID);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private KafkaConsumer<String, byte[]> consumer() {
		Map<String, Object> properties = KafkaTestUtils.consumerProps(this.broker, "dead-letter-reader", false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
	}

}
