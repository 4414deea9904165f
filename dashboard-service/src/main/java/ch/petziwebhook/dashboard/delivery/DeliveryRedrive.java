package ch.petziwebhook.dashboard.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.petziwebhook.dashboard.delivery.DeliveryLogQueries.DeliverySource;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

/**
 * Re-drives failed deliveries: copies the raw record that the projector failed on back to
 * {@value PetziTopics#RAW}, with its key, value and headers, plus
 * {@value PetziHeaders#REDRIVEN_FROM} naming the original position. The projector then
 * processes the copy even though the delivery id is recorded as failed, as it does for
 * the copies its own {@code redrive} command makes from the dead-letter topic.
 */
@Service
class DeliveryRedrive implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeliveryRedrive.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private final DeliveryLogQueries deliveries;

	private final DeliveryLogProperties properties;

	private final Map<String, Object> consumerConfig;

	private final DefaultKafkaProducerFactory<byte[], byte[]> producerFactory;

	private final KafkaTemplate<byte[], byte[]> kafkaTemplate;

	DeliveryRedrive(DeliveryLogQueries deliveries, DeliveryLogProperties properties,
			ConsumerFactory<?, ?> consumerFactory, ProducerFactory<?, ?> producerFactory) {
		this.deliveries = deliveries;
		this.properties = properties;
		this.consumerConfig = consumerConfig(consumerFactory, properties.redriveTimeout());
		this.producerFactory = new DefaultKafkaProducerFactory<>(producerFactory.getConfigurationProperties(),
				new ByteArraySerializer(), new ByteArraySerializer());
		this.kafkaTemplate = new KafkaTemplate<>(this.producerFactory);
		// Raw values carry buyer data, so a failed send must not log them.
		LoggingProducerListener<byte[], byte[]> listener = new LoggingProducerListener<>();
		listener.setIncludeContents(false);
		this.kafkaTemplate.setProducerListener(listener);
	}

	/**
	 * Copies the raw record of one failed delivery back to the raw topic and waits for
	 * Kafka to acknowledge the copy.
	 * @param deliveryId the delivery id
	 * @param requestedBy the user who asked, for the log
	 * @return where the copy was written
	 * @throws RedriveException when the delivery is unknown or not failed, its record is
	 * gone, or Kafka fails
	 */
	Redriven redrive(UUID deliveryId, String requestedBy) {
		DeliverySource source = this.deliveries.findSource(deliveryId)
			.orElseThrow(() -> new RedriveException(RedriveException.Kind.NOT_FOUND, deliveryId));
		if (!"failed".equals(source.status())) {
			throw new RedriveException(RedriveException.Kind.NOT_FAILED, deliveryId);
		}

		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			ConsumerRecord<byte[], byte[]> record = readRaw(consumer, source);
			Redriven redriven = await(send(record), source);
			log.info("Re-drove failed delivery {} from {} to {} for {}", deliveryId, position(source),
					redriven.target(), requestedBy);
			return redriven;
		}
	}

	/**
	 * Copies the raw records of the failed deliveries, oldest first and at most
	 * {@link DeliveryLogProperties#maxRedriveAll()}, back to the raw topic. A delivery
	 * whose copy fails does not stop the others.
	 * @param requestedBy the user who asked, for the log
	 * @return how many were copied, and the failures
	 */
	RedriveSummary redriveAllFailed(String requestedBy) {
		List<DeliverySource> failed = this.deliveries.findFailed(this.properties.maxRedriveAll());
		long total = this.deliveries.countFailed();
		List<Redriven> redriven = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		if (failed.isEmpty()) {
			return new RedriveSummary(0, total, redriven, errors);
		}

		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>();
			List<DeliverySource> sent = new ArrayList<>();
			for (DeliverySource source : failed) {
				try {
					sends.add(send(readRaw(consumer, source)));
					sent.add(source);
				}
				catch (RedriveException ex) {
					errors.add(ex.getMessage());
				}
			}
			for (int i = 0; i < sends.size(); i++) {
				try {
					redriven.add(await(sends.get(i), sent.get(i)));
				}
				catch (RedriveException ex) {
					errors.add(ex.getMessage());
				}
			}
		}
		catch (KafkaException ex) {
			errors.add("Kafka failed: " + NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
		}
		log.info("Re-drove {} of {} failed deliveries for {}, {} errors", redriven.size(), total, requestedBy,
				errors.size());
		return new RedriveSummary(redriven.size(), total, redriven, errors);
	}

	private ConsumerRecord<byte[], byte[]> readRaw(KafkaConsumer<byte[], byte[]> consumer, DeliverySource source) {
		TopicPartition partition = new TopicPartition(PetziTopics.RAW, source.partition());
		long deadline = System.nanoTime() + this.properties.redriveTimeout().toNanos();
		try {
			consumer.assign(List.of(partition));
			consumer.seek(partition, source.offset());
			while (System.nanoTime() < deadline) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
				if (!records.isEmpty()) {
					return checked(records.iterator().next(), source);
				}
			}
		}
		catch (KafkaException ex) {
			throw new RedriveException(RedriveException.Kind.KAFKA_FAILED, source.deliveryId(),
					NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
		}
		throw new RedriveException(RedriveException.Kind.RECORD_MISSING, source.deliveryId(), position(source));
	}

	// The first record returned is the one at the offset, unless retention has deleted
	// it. Its delivery id proves that the topic was not recreated since.
	private static ConsumerRecord<byte[], byte[]> checked(ConsumerRecord<byte[], byte[]> record,
			DeliverySource source) {
		Header id = record.headers().lastHeader(PetziHeaders.DELIVERY_ID);
		String recordId = (id != null) ? new String(id.value(), StandardCharsets.UTF_8) : null;
		if (record.offset() != source.offset() || !source.deliveryId().toString().equals(recordId)) {
			throw new RedriveException(RedriveException.Kind.RECORD_MISSING, source.deliveryId(), position(source));
		}
		return record;
	}

	private CompletableFuture<SendResult<byte[], byte[]>> send(ConsumerRecord<byte[], byte[]> record) {
		List<Header> headers = new ArrayList<>();
		for (Header header : record.headers()) {
			if (!header.key().equals(PetziHeaders.REDRIVEN_FROM)) {
				headers.add(header);
			}
		}
		String from = record.topic() + "-" + record.partition() + "@" + record.offset();
		headers.add(new RecordHeader(PetziHeaders.REDRIVEN_FROM, from.getBytes(StandardCharsets.UTF_8)));
		return this.kafkaTemplate
			.send(new ProducerRecord<>(PetziTopics.RAW, null, record.key(), record.value(), headers));
	}

	private Redriven await(CompletableFuture<SendResult<byte[], byte[]>> send, DeliverySource source) {
		try {
			SendResult<byte[], byte[]> result = send.get(this.properties.redriveTimeout().toMillis(),
					TimeUnit.MILLISECONDS);
			String target = result.getRecordMetadata().topic() + "-" + result.getRecordMetadata().partition() + "@"
					+ result.getRecordMetadata().offset();
			return new Redriven(source.deliveryId(), PetziTopics.RAW + "-" + position(source), target);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedriveException(RedriveException.Kind.KAFKA_FAILED, source.deliveryId(), "interrupted");
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex.getCause() != null) ? NestedExceptionUtils.getMostSpecificCause(ex.getCause()) : ex;
			throw new RedriveException(RedriveException.Kind.KAFKA_FAILED, source.deliveryId(),
					String.valueOf(cause.getMessage()));
		}
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		return new KafkaConsumer<>(this.consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static Map<String, Object> consumerConfig(ConsumerFactory<?, ?> consumerFactory, Duration timeout) {
		Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
		// A re-drive reads one position and commits nothing, so it needs no group.
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
		config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// When retention has deleted the offset, the next record comes back and fails the
		// check of the offset.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "petzi-dashboard-redrive");
		return config;
	}

	private static String position(DeliverySource source) {
		return source.partition() + "@" + source.offset();
	}

	@Override
	public void destroy() {
		this.producerFactory.destroy();
	}

	/**
	 * One failed delivery copied back to the raw topic.
	 *
	 * @param deliveryId the delivery id
	 * @param source {@code topic-partition@offset} of the record copied
	 * @param target {@code topic-partition@offset} of the copy
	 */
	record Redriven(UUID deliveryId, String source, String target) {

	}

	/**
	 * The result of re-driving all failed deliveries.
	 *
	 * @param redriven how many were copied
	 * @param failed how many deliveries were failed before, including those beyond the
	 * limit of one request
	 * @param copies the copies made
	 * @param errors why the others were not copied
	 */
	record RedriveSummary(int redriven, long failed, List<Redriven> copies, List<String> errors) {

	}

}
