package ch.petziwebhook.projector.system;

import java.util.Map;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.projector.delivery.Delivery;
import ch.petziwebhook.projector.delivery.FailedDeliveryRecoverer;
import ch.petziwebhook.projector.ticket.TicketEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring of the projector: the dead-letter and ticket event topics, their producer,
 * and the one error handler of the listener container.
 * <p>
 * A payload that cannot be projected ({@link InvalidPayloadException}) is not retried: it
 * goes to {@value PetziTopics#DEAD_LETTER} and the delivery log marks it failed. Any
 * other failure, such as a database outage, is retried with back-off without end, so the
 * partition pauses on that record and nothing is skipped.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

	/**
	 * Largest dead-letter record, in bytes. A raw body may be as large as ingest's limit
	 * (1 MiB by default) and the dead-letter copy adds the exception headers to it.
	 */
	static final int DEAD_LETTER_MAX_BYTES = 2 * 1024 * 1024;

	@Bean
	NewTopic deadLetterTopic(ProjectorProperties properties) {
		return TopicBuilder.name(PetziTopics.DEAD_LETTER)
			.partitions(properties.deadLetterPartitions())
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DEAD_LETTER_MAX_BYTES))
			.build();
	}

	/**
	 * Declares the ticket event topic. Compaction keeps the latest document of every
	 * ticket, and with it the whole current state, forever.
	 */
	@Bean
	NewTopic ticketTopic(ProjectorProperties properties) {
		return TopicBuilder.name(PetziTopics.TICKETS)
			.partitions(properties.ticketPartitions())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

	/**
	 * Producer of the dead-letter and ticket event topics, with the {@code acks=all} and
	 * idempotence of {@code spring.kafka.producer.*}.
	 */
	@Bean
	ProducerFactory<String, byte[]> producerFactory(KafkaProperties kafkaProperties) {
		Map<String, Object> properties = kafkaProperties.buildProducerProperties();
		properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DEAD_LETTER_MAX_BYTES);
		return new DefaultKafkaProducerFactory<>(properties, new StringSerializer(), new ByteArraySerializer());
	}

	@Bean
	KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
		return new KafkaTemplate<>(producerFactory);
	}

	@Bean
	TicketEventPublisher ticketEventPublisher(KafkaTemplate<String, byte[]> kafkaTemplate,
			ProjectorProperties properties, MeterRegistry meterRegistry) {
		return new TicketEventPublisher(kafkaTemplate, properties.publishTimeout(), meterRegistry);
	}

	/**
	 * Publishes a failed record to the dead-letter topic with its key, value and headers,
	 * adding spring-kafka's {@code kafka_dlt-*} headers with the exception and the
	 * original topic, partition and offset. Partition -1 lets the producer choose by key,
	 * so the dead-letter topic may have any number of partitions.
	 */
	@Bean
	DeadLetterPublishingRecoverer deadLetterPublisher(KafkaTemplate<String, byte[]> kafkaTemplate) {
		return new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, exception) -> new TopicPartition(PetziTopics.DEAD_LETTER, -1));
	}

	@Bean
	DefaultErrorHandler errorHandler(FailedDeliveryRecoverer recoverer, ProjectorProperties properties) {
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, backOff(properties.retry()));
		errorHandler.addNotRetryableExceptions(InvalidPayloadException.class);
		errorHandler.setRetryListeners(KafkaConfiguration::logRetry);
		// logRetry reports each retry once. The handler's own report would repeat it
		// with a stack trace at ERROR.
		errorHandler.setLogLevel(KafkaException.Level.DEBUG);
		return errorHandler;
	}

	private static ExponentialBackOff backOff(ProjectorProperties.Retry retry) {
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Long.MAX_VALUE);
		return backOff;
	}

	private static void logRetry(ConsumerRecord<?, ?> record, Exception exception, int attempt) {
		if (isInvalidPayload(exception)) {
			return;
		}
		Delivery delivery = Delivery.of(record);
		log.warn("Retrying delivery {} from {} after failed attempt {}: {}", delivery.id(), delivery.source(), attempt,
				NestedExceptionUtils.getMostSpecificCause(exception).toString());
	}

	private static boolean isInvalidPayload(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidPayloadException) {
				return true;
			}
		}
		return false;
	}

}
