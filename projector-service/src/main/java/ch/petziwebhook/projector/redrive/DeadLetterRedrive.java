package ch.petziwebhook.projector.redrive;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.projector.delivery.Delivery;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code redrive} command: copies records of the dead-letter topic back to the raw
 * topic once the cause of their failure is fixed, so that the projector processes them
 * again. A copy keeps the record's key, value and original headers (delivery id, receive
 * time, signature timestamp), drops spring-kafka's {@code kafka_dlt-*} failure headers
 * and adds {@value Delivery#REDRIVEN_FROM}. The projector processes a copy even though
 * its delivery id is recorded as failed, and replaces that row with the new outcome.
 */
public final class DeadLetterRedrive {

	static final String USAGE = """
			Usage: java -jar projector-service-<version>-exec.jar redrive (--all | --offset PARTITION@OFFSET[,...])
			       [--bootstrap-server HOST:PORT]
			Copies records of petzi.webhooks.dlt back to petzi.webhooks.raw.
			  --all                     every record of the dead-letter topic
			  --offset P@O[,P@O...]     only these records, for example 0@12
			  --bootstrap-server H:P    Kafka broker; default SPRING_KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092
			""";

	private static final String FAILURE_HEADER_PREFIX = "kafka_dlt-";

	private static final Duration POLL = Duration.ofMillis(500);

	/** Maximum wait for the partitions of the dead-letter topic. */
	private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

	private final String bootstrapServers;

	private final PrintStream out;

	private final Duration metadataTimeout;

	DeadLetterRedrive(String bootstrapServers, PrintStream out) {
		this(bootstrapServers, out, METADATA_TIMEOUT);
	}

	DeadLetterRedrive(String bootstrapServers, PrintStream out, Duration metadataTimeout) {
		this.bootstrapServers = bootstrapServers;
		this.out = out;
		this.metadataTimeout = metadataTimeout;
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code redrive}
	 * @return the process exit status: 0 when done, 1 when a record could not be copied
	 * or Kafka failed, 2 for invalid arguments
	 */
	public static int run(String[] args) {
		return run(args, System.out, System.err, METADATA_TIMEOUT);
	}

	/**
	 * Runs the command with the given output streams and maximum wait for the dead-letter
	 * topic's partitions.
	 */
	static int run(String[] args, PrintStream out, PrintStream err, Duration metadataTimeout) {
		// Without Spring Boot's logging set-up, the Kafka clients would log every
		// setting.
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		RedriveSelection selection;
		String bootstrapServers = System.getenv().getOrDefault("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
		try {
			List<String> rest = new ArrayList<>(List.of(args));
			int server = rest.indexOf("--bootstrap-server");
			if (server >= 0) {
				if (server + 1 >= rest.size()) {
					throw new IllegalArgumentException("--bootstrap-server needs a value");
				}
				bootstrapServers = rest.get(server + 1);
				rest.subList(server, server + 2).clear();
			}
			selection = RedriveSelection.parse(rest);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		try {
			new DeadLetterRedrive(bootstrapServers, out, metadataTimeout).redrive(selection);
			return 0;
		}
		catch (RedriveException ex) {
			err.println(ex.getMessage());
			return 1;
		}
		catch (KafkaException ex) {
			err.println("Kafka at " + bootstrapServers + " failed: " + ex.getMessage()
					+ "; check --bootstrap-server or SPRING_KAFKA_BOOTSTRAP_SERVERS");
			return 1;
		}
	}

	/**
	 * Copies the selected dead-letter records to the raw topic and waits for the broker
	 * to acknowledge each copy.
	 * @return how many records were copied
	 */
	int redrive(RedriveSelection selection) {
		List<ConsumerRecord<byte[], byte[]>> selected = read(selection);
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			List<Future<RecordMetadata>> sends = new ArrayList<>();
			for (ConsumerRecord<byte[], byte[]> record : selected) {
				sends.add(producer.send(copy(record)));
			}
			for (int i = 0; i < sends.size(); i++) {
				RecordMetadata written = await(sends.get(i), selected.get(i));
				this.out.printf("Re-drove %s to %s-%d@%d%n", source(selected.get(i)), written.topic(),
						written.partition(), written.offset());
			}
		}
		this.out.printf("Re-drove %d record(s) from %s to %s%n", selected.size(), PetziTopics.DEAD_LETTER,
				PetziTopics.RAW);
		return selected.size();
	}

	private List<ConsumerRecord<byte[], byte[]>> read(RedriveSelection selection) {
		List<ConsumerRecord<byte[], byte[]>> selected = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(PetziTopics.DEAD_LETTER, this.metadataTimeout)) {
				partitions.add(new TopicPartition(info.topic(), info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
					if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
							&& selection.includes(record.partition(), record.offset())) {
						selected.add(record);
					}
				}
			}
		}
		List<String> missing = selection
			.missingFrom(selected.stream().map((record) -> record.partition() + "@" + record.offset()).toList());
		if (!missing.isEmpty()) {
			throw new RedriveException("No record at " + missing + " in " + PetziTopics.DEAD_LETTER
					+ "; list it with Kafka's console consumer and --property print.offset=true");
		}
		return selected;
	}

	private static ProducerRecord<byte[], byte[]> copy(ConsumerRecord<byte[], byte[]> record) {
		List<Header> headers = new ArrayList<>();
		for (Header header : record.headers()) {
			if (!header.key().startsWith(FAILURE_HEADER_PREFIX) && !header.key().equals(Delivery.REDRIVEN_FROM)) {
				headers.add(header);
			}
		}
		headers.add(new RecordHeader(Delivery.REDRIVEN_FROM, source(record).getBytes(StandardCharsets.UTF_8)));
		return new ProducerRecord<>(PetziTopics.RAW, null, record.key(), record.value(), headers);
	}

	private static RecordMetadata await(Future<RecordMetadata> send, ConsumerRecord<byte[], byte[]> record) {
		try {
			return send.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedriveException("Interrupted while copying " + source(record));
		}
		catch (ExecutionException ex) {
			throw new RedriveException(
					"Failed to copy " + source(record) + " to " + PetziTopics.RAW + ": " + ex.getCause().getMessage());
		}
	}

	private static String source(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private KafkaProducer<byte[], byte[]> producer() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
	}

	/**
	 * Failure of the command that the operator can act on.
	 */
	static final class RedriveException extends RuntimeException {

		RedriveException(String message) {
			super(message);
		}

	}

}
