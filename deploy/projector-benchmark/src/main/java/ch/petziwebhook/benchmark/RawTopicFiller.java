package ch.petziwebhook.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writer of the synthetic deliveries to the raw topic, with ingest's headers and key.
 */
final class RawTopicFiller {

	private final String bootstrapServers;

	RawTopicFiller(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Creates the raw topic unless it exists and returns how many records it holds.
	 */
	long prepareTopic(int partitions) throws ExecutionException, InterruptedException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			Set<String> topics = admin.listTopics().names().get();
			if (!topics.contains(PetziTopics.RAW)) {
				admin
					.createTopics(List
						.of(new NewTopic(PetziTopics.RAW, partitions, (short) 1).configs(Map.of("retention.ms", "-1"))))
					.all()
					.get();
				return 0;
			}
			TopicDescription description = admin.describeTopics(List.of(PetziTopics.RAW))
				.allTopicNames()
				.get()
				.get(PetziTopics.RAW);
			Map<TopicPartition, OffsetSpec> offsets = new HashMap<>();
			description.partitions()
				.forEach((partition) -> offsets.put(new TopicPartition(PetziTopics.RAW, partition.partition()),
						OffsetSpec.latest()));
			long total = 0;
			for (ListOffsetsResultInfo info : admin.listOffsets(offsets).all().get().values()) {
				total += info.offset();
			}
			return total;
		}
	}

	/**
	 * Writes the first {@code count} deliveries of the synthetic stream.
	 * @return how many of them are duplicates
	 */
	long fill(long count) {
		SyntheticDeliveries stream = new SyntheticDeliveries();
		SyntheticDeliveries.RawDelivery[] recent = new SyntheticDeliveries.RawDelivery[100];
		long duplicates = 0;
		long start = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			for (long i = 0; i < count; i++) {
				SyntheticDeliveries.RawDelivery delivery;
				if (SyntheticDeliveries.kindAt(i) == SyntheticDeliveries.Kind.DUPLICATE) {
					delivery = recent[(int) ((i - 50) % 100)];
					duplicates++;
				}
				else {
					delivery = stream.next(i);
				}
				recent[(int) (i % 100)] = delivery;
				producer.send(record(delivery));
				if ((i + 1) % 100_000 == 0) {
					System.out.printf("fill: %,d records written%n", i + 1);
				}
			}
			producer.flush();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("fill: %,d records (%,d duplicates) in %.1f s, %,.0f records/s%n", count, duplicates, seconds,
				count / seconds);
		return duplicates;
	}

	private ProducerRecord<String, byte[]> record(SyntheticDeliveries.RawDelivery delivery) {
		List<Header> headers = new ArrayList<>(4);
		headers.add(header(PetziHeaders.DELIVERY_ID, delivery.deliveryId().toString()));
		headers.add(header(PetziHeaders.RECEIVED_AT, delivery.receivedAt().toString()));
		headers.add(header(PetziHeaders.SIGNATURE_TIMESTAMP, Long.toString(delivery.signedAt())));
		headers.add(header(PetziHeaders.PETZI_VERSION, "2"));
		return new ProducerRecord<>(PetziTopics.RAW, null, delivery.ticketNumber(), delivery.body(), headers);
	}

	private static Header header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private KafkaProducer<String, byte[]> producer() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
	}

}
