package ch.petziwebhook.ingest.system;

import java.time.Duration;
import java.util.Map;

import ch.petziwebhook.ingest.rejection.RejectionPublisher;
import ch.petziwebhook.model.PetziTopics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * Kafka wiring: an idempotent producer of raw bodies whose timeouts fit within the
 * publish timeout, a producer of rejection records that never holds up a response, and
 * the raw and rejected topics, which Boot's {@code KafkaAdmin} creates when they are
 * missing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RejectionProperties.class)
class KafkaConfiguration {

	private static final Duration REJECTED_RETENTION = Duration.ofDays(30);

	private static final Duration REJECTION_MAX_BLOCK = Duration.ofSeconds(2);

	/**
	 * Room for the key, the headers and the record overhead on top of the largest body.
	 * An estimate with a wide margin: they take a few hundred bytes.
	 */
	private static final long RECORD_OVERHEAD_BYTES = 64 * 1024;

	private static final int LINGER_MILLIS = 1;

	private static final Duration TOPIC_RETRY_INTERVAL = Duration.ofSeconds(30);

	@Bean
	ProducerFactory<String, byte[]> rawWebhookProducerFactory(KafkaProperties kafkaProperties,
			WebhookProperties webhookProperties) {
		Map<String, Object> properties = kafkaProperties.buildProducerProperties();
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) maxRecordBytes(webhookProperties));
		// A dead broker must cause an error before the publisher stops waiting, so the
		// client timeouts default to fractions of the publish timeout. Explicit
		// spring.kafka.producer.properties.* values win.
		Duration half = webhookProperties.publishTimeout().dividedBy(2);
		properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, half.toMillis());
		properties.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) half.toMillis());
		properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
				(int) webhookProperties.publishTimeout().toMillis());
		// Every request thread waits for its record's acknowledgement, so Kafka 4's
		// default linger of 5 ms adds up to 5 ms to each response. Concurrent requests
		// still
		// share batches while earlier ones are in flight (up to five per connection).
		properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MILLIS);
		return new DefaultKafkaProducerFactory<>(properties, new StringSerializer(), new ByteArraySerializer());
	}

	@Bean
	KafkaTemplate<String, byte[]> rawWebhookKafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
		KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producerFactory);
		// The error advice logs each failed delivery once, without a stack trace.
		template.setProducerListener(new ProducerListener<>() {
		});
		return template;
	}

	@Bean
	NewTopic rawWebhookTopic(WebhookProperties webhookProperties) {
		// The raw topic is the source of truth for replay, so it is never trimmed.
		return TopicBuilder.name(PetziTopics.RAW)
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.toString(maxRecordBytes(webhookProperties)))
			.build();
	}

	@Bean
	NewTopic rejectedWebhookTopic() {
		return TopicBuilder.name(PetziTopics.REJECTED)
			.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(REJECTED_RETENTION.toMillis()))
			.build();
	}

	@Bean
	ProducerFactory<String, String> rejectionProducerFactory(KafkaProperties kafkaProperties) {
		Map<String, Object> properties = kafkaProperties.buildProducerProperties();
		// Losing a rejection record is acceptable, holding up the publisher thread is
		// not.
		properties.put(ProducerConfig.ACKS_CONFIG, "1");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REJECTION_MAX_BLOCK.toMillis());
		properties.put(ProducerConfig.CLIENT_ID_CONFIG,
				properties.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service") + "-rejections");
		return new DefaultKafkaProducerFactory<>(properties, new StringSerializer(), new StringSerializer());
	}

	@Bean
	RejectionPublisher rejectionPublisher(ProducerFactory<String, String> rejectionProducerFactory,
			RejectionProperties properties, MeterRegistry meterRegistry) {
		KafkaTemplate<String, String> template = new KafkaTemplate<>(rejectionProducerFactory);
		template.setProducerListener(new ProducerListener<>() {
		});
		return new RejectionPublisher(template, properties.perSecond(), meterRegistry);
	}

	@Bean
	RawTopicInitializer rawTopicInitializer(KafkaAdmin kafkaAdmin) {
		return new RawTopicInitializer(kafkaAdmin, TOPIC_RETRY_INTERVAL);
	}

	static long maxRecordBytes(WebhookProperties webhookProperties) {
		return webhookProperties.maxBodySize().toBytes() + RECORD_OVERHEAD_BYTES;
	}

}
