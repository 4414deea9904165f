package ch.petziwebhook.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ceiling for ingest with Kafka up: a bare Kafka producer that sends the records ingest
 * would send (same body size, a ticket number as key, the four delivery headers) to the
 * same broker with {@code acks=all} and idempotence, as fast as it can. It writes to its
 * own topic, {@value #TOPIC}, created with the raw topic's partition count, so that the
 * raw topic receives no records that no webhook caused.
 */
final class ProducerCeiling implements AutoCloseable {

	static final String TOPIC = "petzi.benchmark.ceiling";

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration TOPIC_RETENTION = Duration.ofHours(1);

	private final Producer<String, byte[]> producer;

	private final SignedRequests requests;

	ProducerCeiling(String bootstrapServers, int lingerMillis, SignedRequests requests) throws Exception {
		this.requests = requests;
		createTopic(bootstrapServers);
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-benchmark-ceiling");
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, lingerMillis);
		this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
	}

	private static void createTopic(String bootstrapServers) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			int partitions = 1;
			try {
				TopicDescription raw = admin.describeTopics(Set.of(PetziTopics.RAW))
					.allTopicNames()
					.get(30, TimeUnit.SECONDS)
					.get(PetziTopics.RAW);
				partitions = raw.partitions().size();
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
			}
			NewTopic topic = new NewTopic(TOPIC, partitions, (short) 1)
				.configs(Map.of("retention.ms", Long.toString(TOPIC_RETENTION.toMillis())));
			try {
				admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Sends records from the given number of threads, each waiting for the
	 * acknowledgement of its record before it sends the next, as ingest's request threads
	 * do.
	 */
	LevelResult sendAndWait(int concurrency, int count, Duration timeLimit) throws InterruptedException {
		List<ProducerRecord<String, byte[]>> records = records(count);
		long[] latencies = new long[count];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger acknowledged = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(concurrency);
		long start = System.nanoTime();
		long deadline = start + timeLimit.toNanos();
		for (int t = 0; t < concurrency; t++) {
			Thread worker = new Thread(() -> {
				try {
					sendEachAndWait(records, next, deadline, latencies, acknowledged, failed);
				}
				finally {
					done.countDown();
				}
			}, "ceiling-" + t);
			worker.start();
		}
		done.await();
		long elapsed = System.nanoTime() - start;
		int sent = Math.min(next.get(), count);
		return LevelResult.of("bare producer, send().get()", concurrency, sent, acknowledged.get(), elapsed, latencies,
				failures(failed.get()));
	}

	private void sendEachAndWait(List<ProducerRecord<String, byte[]>> records, AtomicInteger next, long deadline,
			long[] latencies, AtomicInteger acknowledged, AtomicInteger failed) {
		int index;
		while ((index = next.getAndIncrement()) < records.size() && System.nanoTime() < deadline) {
			long sent = System.nanoTime();
			try {
				this.producer.send(records.get(index)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				latencies[index] = System.nanoTime() - sent;
				acknowledged.incrementAndGet();
			}
			catch (ExecutionException | TimeoutException ex) {
				failed.incrementAndGet();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Sends all records from one thread without waiting between them, so that the
	 * producer fills its batches, and waits for every acknowledgement: the best rate this
	 * producer reaches on this broker.
	 */
	LevelResult sendBatched(int count, Duration timeLimit) throws InterruptedException {
		List<ProducerRecord<String, byte[]>> records = records(count);
		CountDownLatch done = new CountDownLatch(count);
		AtomicInteger acknowledged = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		long start = System.nanoTime();
		for (ProducerRecord<String, byte[]> record : records) {
			this.producer.send(record, (metadata, exception) -> {
				if (exception == null) {
					acknowledged.incrementAndGet();
				}
				else {
					failed.incrementAndGet();
				}
				done.countDown();
			});
		}
		done.await(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
		long elapsed = System.nanoTime() - start;
		return LevelResult.of("bare producer, batched", count, count, acknowledged.get(), elapsed, new long[0],
				failures(failed.get()));
	}

	private static Map<Integer, Integer> failures(int failed) {
		return (failed == 0) ? Map.of() : Map.of(-1, failed);
	}

	private List<ProducerRecord<String, byte[]>> records(int count) {
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
		String signatureTimestamp = Long.toString(Instant.now().getEpochSecond());
		for (int i = 0; i < count; i++) {
			String ticketNumber = this.requests.nextTicketNumber();
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, ticketNumber,
					SignedRequests.body(ticketNumber));
			record.headers()
				.add(PetziHeaders.DELIVERY_ID, bytes(UUID.randomUUID().toString()))
				.add(PetziHeaders.RECEIVED_AT, bytes(Instant.now().toString()))
				.add(PetziHeaders.SIGNATURE_TIMESTAMP, bytes(signatureTimestamp))
				.add(PetziHeaders.PETZI_VERSION, bytes("2"));
			records.add(record);
		}
		return records;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

}
