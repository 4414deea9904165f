package ch.petziwebhook.dashboard.secret;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSecretsSetting;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.stereotype.Component;

/**
 * Publishes settings to the compacted {@value PetziTopics#SETTINGS} topic, keyed by
 * setting name, with the JSON of the setting as value. Ingest reads the latest record of
 * each key.
 */
@Component
class SettingsPublisher {

	private static final Logger log = LoggerFactory.getLogger(SettingsPublisher.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final KafkaTemplate<String, String> kafkaTemplate;

	private final KafkaAdmin kafkaAdmin;

	private final JsonMapper jsonMapper;

	private final AtomicBoolean topicChecked = new AtomicBoolean();

	SettingsPublisher(ProducerFactory<String, String> producerFactory, KafkaAdmin kafkaAdmin, JsonMapper jsonMapper) {
		this.kafkaTemplate = new KafkaTemplate<>(producerFactory);
		// The value contains the secrets, so a failed send must not write it to the log
		// as the
		// default listener would.
		LoggingProducerListener<String, String> listener = new LoggingProducerListener<>();
		listener.setIncludeContents(false);
		this.kafkaTemplate.setProducerListener(listener);
		this.kafkaAdmin = kafkaAdmin;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Publishes the webhook secrets and waits until Kafka has acknowledged them.
	 * @throws SettingsNotPublishedException when Kafka did not acknowledge in time
	 */
	void publish(WebhookSecretsSetting setting) {
		createTopicOnce();
		String value = this.jsonMapper.writeValueAsString(setting);
		try {
			this.kafkaTemplate.send(PetziTopics.SETTINGS, WebhookSecretsSetting.KEY, value)
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			// The value contains the secrets, so only the slots are logged.
			log.info("Published {} webhook secrets in slots {} to {}", setting.secrets().size(),
					setting.secrets().stream().map((secret) -> secret.slot()).toList(), PetziTopics.SETTINGS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SettingsNotPublishedException(ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			log.error("Failed to publish the webhook secrets to {}: {}", PetziTopics.SETTINGS, ex.toString());
			throw new SettingsNotPublishedException(ex);
		}
	}

	// The local stack and the deployment create the topic. This covers a broker without
	// it,
	// so that the settings do not land in an auto-created topic with delete retention.
	private void createTopicOnce() {
		if (this.topicChecked.get()) {
			return;
		}
		Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		NewTopic topic = new NewTopic(PetziTopics.SETTINGS, Optional.of(1), Optional.empty())
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			log.info("Created the compacted topic {}", PetziTopics.SETTINGS);
			this.topicChecked.set(true);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TopicExistsException) {
				this.topicChecked.set(true);
				return;
			}
			log.warn("Failed to create topic {}, publishing anyway: {}", PetziTopics.SETTINGS,
					ex.getCause().toString());
		}
		catch (TimeoutException | KafkaException ex) {
			log.warn("Failed to create topic {}, publishing anyway: {}", PetziTopics.SETTINGS, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Thrown when Kafka did not acknowledge a setting.
	 */
	static class SettingsNotPublishedException extends RuntimeException {

		SettingsNotPublishedException(Throwable cause) {
			super("Failed to publish the settings to " + PetziTopics.SETTINGS, cause);
		}

	}

}
