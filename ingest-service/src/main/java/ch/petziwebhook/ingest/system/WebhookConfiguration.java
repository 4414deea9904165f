package ch.petziwebhook.ingest.system;

import java.time.Clock;

import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.SignatureVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the webhook endpoint: the clock, the signature verifier and the payload
 * reader.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SignatureVerifier signatureVerifier(WebhookProperties properties, Clock clock) {
		SignatureVerifier verifier = new SignatureVerifier(properties.secrets(), properties.tolerance(), clock);
		if (!verifier.hasSecrets()) {
			// Fail closed: start so that health checks and metrics work, but reject every
			// delivery until a secret is configured.
			log.warn("No webhook secret is configured, so every delivery will be rejected with 401; "
					+ "set petzi.webhook.secrets (PETZI_WEBHOOK_SECRETS)");
		}
		return verifier;
	}

	@Bean
	PetziPayloadReader petziPayloadReader() {
		return new PetziPayloadReader();
	}

}
