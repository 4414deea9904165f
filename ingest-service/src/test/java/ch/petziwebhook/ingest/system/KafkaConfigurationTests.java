package ch.petziwebhook.ingest.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConfigurationTests {

	private final WebhookProperties webhookProperties = new WebhookProperties(List.of(), Duration.ofSeconds(300),
			DataSize.ofMegabytes(1), Duration.ofSeconds(10));

	@Test
	void rawProducerLingersOneMillisecond() {
		Map<String, Object> configuration = rawProducerConfiguration(new KafkaProperties());

		assertThat(configuration.get(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo(1);
		assertThat(configuration.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
		assertThat(configuration.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo(true);
	}

	@Test
	void explicitLingerPropertyWins() {
		KafkaProperties kafkaProperties = new KafkaProperties();
		kafkaProperties.getProducer().getProperties().put(ProducerConfig.LINGER_MS_CONFIG, "5");

		Map<String, Object> configuration = rawProducerConfiguration(kafkaProperties);

		assertThat(configuration.get(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo("5");
	}

	private Map<String, Object> rawProducerConfiguration(KafkaProperties kafkaProperties) {
		DefaultKafkaProducerFactory<String, byte[]> factory = (DefaultKafkaProducerFactory<String, byte[]>) new KafkaConfiguration()
			.rawWebhookProducerFactory(kafkaProperties, this.webhookProperties);
		return factory.getConfigurationProperties();
	}

}
