package ch.petziwebhook.dashboard.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health indicators of the dashboard besides Boot's own: the informational {@code kafka},
 * which the readiness group leaves out.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	/** How long one health check waits for the Kafka cluster. */
	static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);

	/** How long a Kafka check result is reused by later requests. */
	static final Duration KAFKA_CACHE_TIME = Duration.ofSeconds(5);

	@Bean(destroyMethod = "close")
	Admin healthAdmin(KafkaProperties kafkaProperties) {
		Map<String, Object> config = kafkaProperties.buildAdminProperties();
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "dashboard-service-health");
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
		return Admin.create(config);
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(Admin healthAdmin) {
		return new KafkaHealthIndicator(healthAdmin, KAFKA_TIMEOUT, KAFKA_CACHE_TIME, Clock.systemUTC());
	}

}
