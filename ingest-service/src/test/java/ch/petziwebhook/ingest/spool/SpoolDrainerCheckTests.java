package ch.petziwebhook.ingest.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.petziwebhook.ingest.ClosedPort;
import ch.petziwebhook.ingest.RawTopicRecords;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The drainer against a real broker, for records whose earlier send may have reached the
 * raw topic: it checks the topic and sends only the records the topic does not hold.
 */
class SpoolDrainerCheckTests {

	private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration MARGIN = Duration.ofMinutes(5);

	private static final Duration GIVE_UP = Duration.ofMinutes(1);

	private static EmbeddedKafkaKraftBroker broker;

	private static ProducerFactory<String, byte[]> producerFactory;

	@TempDir
	Path directory;

	private final List<AutoCloseable> started = new ArrayList<>();

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 3, PetziTopics.RAW);
		broker.afterPropertiesSet();
		producerFactory = new DefaultKafkaProducerFactory<>(producerProperties(), new StringSerializer(),
				new ByteArraySerializer());
	}

	@AfterAll
	static void stopBroker() {
		((DefaultKafkaProducerFactory<String, byte[]>) producerFactory).destroy();
		broker.destroy();
	}

	@AfterEach
	void stopDrainers() throws Exception {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
	}

	@Test
	void leftRecordInTopicNotResent() throws IOException {
		RawDelivery delivery = delivery();
		writeToTopic(delivery);
		Spool spool = leftBehind(List.of(delivery));

		drain(spool, new KafkaTemplate<>(producerFactory), check(broker.getBrokersAsString()), GIVE_UP);

		assertThat(copies(delivery)).isEqualTo(1);
	}

	@Test
	void leftRecordMissingFromTopicSent() throws IOException {
		RawDelivery inTopic = delivery();
		RawDelivery missing = delivery();
		writeToTopic(inTopic);
		Spool spool = leftBehind(List.of(inTopic, missing));

		drain(spool, new KafkaTemplate<>(producerFactory), check(broker.getBrokersAsString()), GIVE_UP);

		assertThat(copies(missing)).isEqualTo(1);
		assertThat(copies(inTopic)).isEqualTo(1);
	}

	@Test
	void sendFailedAfterWriteGivesOneCopy() throws IOException {
		RawDelivery delivery = delivery();
		Spool spool = open();
		spool.append(delivery);
		AnswerLosingTemplate template = new AnswerLosingTemplate(producerFactory);

		drain(spool, template, check(broker.getBrokersAsString()), GIVE_UP);

		assertThat(template.answerLost).as("the first answer was lost").isTrue();
		assertThat(copies(delivery)).isEqualTo(1);
	}

	@Test
	void failedCheckFallsBackToSending() throws IOException {
		RawDelivery delivery = delivery();
		Spool spool = leftBehind(List.of(delivery));

		drain(spool, new KafkaTemplate<>(producerFactory), check("127.0.0.1:" + ClosedPort.find()), Duration.ZERO);

		assertThat(copies(delivery)).isEqualTo(1);
	}

	@Test
	void failedCheckHoldsRecordBack() throws IOException {
		RawDelivery delivery = delivery();
		Spool spool = leftBehind(List.of(delivery));
		BrokerMonitor monitor = new BrokerMonitor(Clock.systemUTC());
		SpoolDrainer drainer = new SpoolDrainer(spool, new KafkaTemplate<>(producerFactory), monitor, PUBLISH_TIMEOUT,
				new InFlightSends(), check("127.0.0.1:" + ClosedPort.find()), GIVE_UP, new SimpleMeterRegistry());
		drainer.start();
		this.started.add(drainer::stop);

		await().atMost(DRAIN_TIMEOUT).until(() -> monitor.state() == BrokerMonitor.State.DOWN);

		assertThat(spool.depth()).isEqualTo(1);
		assertThat(copies(delivery)).isZero();
	}

	private void drain(Spool spool, KafkaTemplate<String, byte[]> template, PublishedDeliveries check,
			Duration checkGiveUp) {
		SpoolDrainer drainer = new SpoolDrainer(spool, template, new BrokerMonitor(Clock.systemUTC()), PUBLISH_TIMEOUT,
				new InFlightSends(), check, checkGiveUp, new SimpleMeterRegistry());
		drainer.start();
		this.started.add(drainer::stop);
		await().atMost(DRAIN_TIMEOUT).until(() -> !spool.hasRecords());
	}

	/**
	 * Returns a spool that contains deliveries appended by an earlier run, as after a
	 * crash.
	 */
	private Spool leftBehind(List<RawDelivery> deliveries) throws IOException {
		try (Spool earlier = Spool.open(this.directory, 1024 * 1024, 64 * 1024)) {
			deliveries.forEach(earlier::append);
		}
		return open();
	}

	private Spool open() throws IOException {
		Spool spool = Spool.open(this.directory, 1024 * 1024, 64 * 1024);
		this.started.add(spool);
		return spool;
	}

	private static PublishedDeliveries check(String bootstrapServers) {
		return new PublishedDeliveries(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				Duration.ofSeconds(5), MARGIN);
	}

	private static void writeToTopic(RawDelivery delivery) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(delivery.toProducerRecord()).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Failed to write " + delivery + " to the raw topic", ex);
		}
	}

	/**
	 * Counts the records of a delivery in the raw topic, reading every partition up to
	 * its end offset.
	 */
	private static long copies(RawDelivery delivery) {
		String id = delivery.id().toString();
		long count = 0;
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(PetziTopics.RAW)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				assertThat(System.nanoTime() - deadline).as("read the raw topic in time").isNegative();
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (id.equals(RawTopicRecords.header(record, PetziHeaders.DELIVERY_ID).orElse(null))) {
						count++;
					}
				}
			}
		}
		return count;
	}

	private static RawDelivery delivery() {
		UUID id = UUID.randomUUID();
		byte[] body = ("{\"event\":\"ticket_created\",\"details\":{\"ticket\":{\"number\":\"TESTCHECK-" + id + "\"}}}")
			.getBytes(StandardCharsets.UTF_8);
		return new RawDelivery(id, "TESTCHECK-" + id, Instant.now(), Map.of(PetziHeaders.DELIVERY_ID, id.toString()),
				body);
	}

	private static Map<String, Object> producerProperties() {
		return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ProducerConfig.ACKS_CONFIG,
				"all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
				(int) PUBLISH_TIMEOUT.toMillis(), ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
				(int) PUBLISH_TIMEOUT.dividedBy(2).toMillis());
	}

	/**
	 * Template whose first send reaches the broker but is reported as failed, as when the
	 * broker dies after writing the record and before its response arrives.
	 */
	private static final class AnswerLosingTemplate extends KafkaTemplate<String, byte[]> {

		private final AtomicBoolean answerLost = new AtomicBoolean();

		AnswerLosingTemplate(ProducerFactory<String, byte[]> producerFactory) {
			super(producerFactory);
		}

		@Override
		public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
			CompletableFuture<SendResult<String, byte[]>> sent = super.send(record);
			if (!this.answerLost.compareAndSet(false, true)) {
				return sent;
			}
			return sent.thenCompose((written) -> CompletableFuture
				.failedFuture(new TimeoutException("answer lost after the broker wrote the record")));
		}

	}

}
