package ch.petziwebhook.ingest.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebhookPropertiesTests {

	@Test
	void defaultsApplyWithoutSettings() {
		WebhookProperties properties = bind(Map.of());

		assertThat(properties.secrets()).isEmpty();
		assertThat(properties.tolerance()).isEqualTo(Duration.ofSeconds(300));
		assertThat(properties.maxBodySize()).isEqualTo(DataSize.ofBytes(1024 * 1024));
		assertThat(properties.publishTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void bindsCommaSeparatedSecretsFromEnvironment() {
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				Map.of("PETZI_WEBHOOK_SECRETS", "current-secret, previous-secret,"));
		Binder binder = new Binder(ConfigurationPropertySources.from(environment));

		WebhookProperties properties = binder.bindOrCreate("petzi.webhook", WebhookProperties.class);

		assertThat(properties.secrets()).containsExactly("current-secret", "previous-secret");
	}

	@Test
	void dropsBlankSecrets() {
		WebhookProperties properties = bind(Map.of("petzi.webhook.secrets", " , "));

		assertThat(properties.secrets()).isEmpty();
	}

	@Test
	void rejectsZeroPublishTimeout() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("petzi.webhook.publish-timeout", "0s")))
			.havingRootCause()
			.withMessage("petzi.webhook.publish-timeout must be positive, got PT0S");
	}

	@Test
	void rejectsBodySizeOverLimit() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("petzi.webhook.max-body-size", "2GB")))
			.havingRootCause()
			.withMessageContaining("petzi.webhook.max-body-size must be between 1B and 1073741824B");
	}

	@Test
	void toStringHidesSecrets() {
		WebhookProperties properties = new WebhookProperties(List.of("s3cr3t-value"), Duration.ofSeconds(300),
				DataSize.ofMegabytes(1), Duration.ofSeconds(10));

		assertThat(properties.toString()).doesNotContain("s3cr3t-value");
	}

	private static WebhookProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("petzi.webhook",
				WebhookProperties.class);
	}

}
