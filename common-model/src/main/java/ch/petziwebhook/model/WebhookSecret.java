package ch.petziwebhook.model;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One shared secret that webhook signatures are verified with, in a named slot so that
 * logs and rejection records can name the slots tried without showing the secret.
 *
 * @param slot the slot name, for example {@code current} or {@code previous}
 * @param secret the secret itself; never log it
 * @param expiresAt when the secret stops being accepted, or {@code null} for never
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookSecret(String slot, String secret, Instant expiresAt) {

	public WebhookSecret {
		Objects.requireNonNull(slot, "slot must not be null");
		Objects.requireNonNull(secret, "secret must not be null");
	}

	/**
	 * Returns whether the secret is still accepted at the given instant.
	 */
	public boolean isActiveAt(Instant instant) {
		return this.expiresAt == null || instant.isBefore(this.expiresAt);
	}

	@Override
	public String toString() {
		return "WebhookSecret[slot=" + this.slot + ", expiresAt=" + this.expiresAt + "]";
	}

}
