package ch.petziwebhook.projector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.awaitility.Awaitility.await;

/**
 * Test reader of the ticket event topic.
 */
public final class TicketEvents {

	private final EmbeddedKafkaBroker broker;

	public TicketEvents(EmbeddedKafkaBroker broker) {
		this.broker = broker;
	}

	/**
	 * Returns every record on the ticket event topic, in offset order per partition.
	 */
	public List<ConsumerRecord<String, byte[]>> all() {
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(PetziTopics.TICKETS)) {
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

	/**
	 * Returns the documents published for one ticket, as text, oldest first.
	 */
	public List<String> of(String number) {
		return all().stream()
			.filter((record) -> number.equals(record.key()))
			.map((record) -> new String(record.value(), StandardCharsets.UTF_8))
			.toList();
	}

	/**
	 * Waits until the topic contains at least the given number of documents for a ticket.
	 */
	public List<String> awaitCount(String number, int count) {
		return await().atMost(ReadModelRows.TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> of(number), (documents) -> documents.size() >= count);
	}

	private KafkaConsumer<String, byte[]> consumer() {
		Map<String, Object> properties = KafkaTestUtils.consumerProps(this.broker, "ticket-event-reader", false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
	}

}
