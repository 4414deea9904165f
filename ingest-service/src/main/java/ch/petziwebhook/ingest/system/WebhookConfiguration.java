package ch.petziwebhook.ingest.system;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import ch.petziwebhook.ingest.secret.SettingsTopicFollower;
import ch.petziwebhook.ingest.secret.WebhookSecrets;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the webhook endpoint: the clock and the webhook secrets with their follower
 * of the settings topic.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

	/** File in the spool directory that keeps the last secrets of the settings topic. */
	static final String SECRETS_DISK_COPY = "webhook-secrets.json";

	private static final Duration SETTINGS_RETRY_INTERVAL = Duration.ofSeconds(5);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	WebhookSecrets webhookSecrets(WebhookProperties properties, SpoolProperties spoolProperties, Clock clock) {
		return new WebhookSecrets(properties.secrets(), properties.tolerance(), clock,
				spoolProperties.directory().toAbsolutePath().resolve(SECRETS_DISK_COPY));
	}

	@Bean
	SettingsTopicFollower settingsTopicFollower(KafkaProperties kafkaProperties, WebhookSecrets webhookSecrets) {
		Map<String, Object> properties = kafkaProperties.buildConsumerProperties();
		// Every instance reads the whole compacted topic, so no group and no commits.
		properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service-settings");
		return new SettingsTopicFollower(properties, webhookSecrets, SETTINGS_RETRY_INTERVAL);
	}

}
