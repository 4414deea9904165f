package ch.petziwebhook.ingest.system;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the webhook endpoint, bound from {@code petzi.webhook.*}.
 *
 * @param secrets shared secrets that may sign a webhook; several are active at once while
 * a secret is rotated. Blank entries are dropped, and an empty list rejects every
 * request. Set by {@code PETZI_WEBHOOK_SECRETS} as a comma-separated list.
 * @param tolerance maximum difference between the signature timestamp and the clock, in
 * either direction
 * @param maxBodySize largest body accepted; larger bodies are rejected with 413
 * @param publishTimeout maximum time to wait for Kafka to acknowledge a record before
 * responding with 503
 */
@ConfigurationProperties("petzi.webhook")
public record WebhookProperties(List<String> secrets, @DefaultValue("300s") Duration tolerance,
		@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("10s") Duration publishTimeout) {

	/**
	 * Largest value of {@code max-body-size}, because a body is held in memory and sent
	 * as one Kafka record whose size is an {@code int}.
	 */
	static final DataSize MAX_BODY_SIZE_LIMIT = DataSize.ofGigabytes(1);

	public WebhookProperties {
		secrets = (secrets != null) ? secrets.stream()
			.filter(Objects::nonNull)
			.map(String::strip)
			.filter((secret) -> !secret.isEmpty())
			.toList() : List.of();
		requirePositive("petzi.webhook.tolerance", tolerance);
		requirePositive("petzi.webhook.publish-timeout", publishTimeout);
		if (maxBodySize.toBytes() < 1 || maxBodySize.compareTo(MAX_BODY_SIZE_LIMIT) > 0) {
			throw new IllegalArgumentException("petzi.webhook.max-body-size must be between 1B and "
					+ MAX_BODY_SIZE_LIMIT + ", got " + maxBodySize);
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, got " + value);
		}
	}

	/**
	 * Returns the settings with the secrets masked, so that logging this record or a
	 * start-up failure report never shows a secret.
	 */
	@Override
	public String toString() {
		return "WebhookProperties[secrets=" + this.secrets.size() + " configured, tolerance=" + this.tolerance
				+ ", maxBodySize=" + this.maxBodySize + ", publishTimeout=" + this.publishTimeout + "]";
	}

}
