package ch.petziwebhook.dashboard.secret;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import ch.petziwebhook.model.WebhookSecret;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the webhook secrets in {@code dashboard.webhook_secrets}.
 */
@Repository
class WebhookSecretRepository {

	private final JdbcClient jdbcClient;

	WebhookSecretRepository(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	List<WebhookSecret> findAll() {
		return this.jdbcClient.sql("SELECT slot, secret, expires_at FROM dashboard.webhook_secrets ORDER BY slot")
			.query((rs, rowNum) -> new WebhookSecret(rs.getString("slot"), rs.getString("secret"),
					toInstant(rs.getObject("expires_at", OffsetDateTime.class))))
			.list();
	}

	Optional<WebhookSecret> findBySlot(String slot) {
		return findAll().stream().filter((secret) -> secret.slot().equals(slot)).findFirst();
	}

	/**
	 * Locks the table until the end of the transaction, so that concurrent changes are
	 * published in the order they were made.
	 */
	void lockTable() {
		this.jdbcClient.sql("LOCK TABLE dashboard.webhook_secrets IN EXCLUSIVE MODE").update();
	}

	void save(WebhookSecret secret, String changedBy) {
		this.jdbcClient.sql("""
				INSERT INTO dashboard.webhook_secrets (slot, secret, expires_at, created_by)
				VALUES (:slot, :secret, :expiresAt, :createdBy)
				ON CONFLICT (slot) DO UPDATE
				SET secret = EXCLUDED.secret, expires_at = EXCLUDED.expires_at,
				    created_at = now(), created_by = EXCLUDED.created_by
				""")
			.param("slot", secret.slot())
			.param("secret", secret.secret())
			.param("expiresAt",
					(secret.expiresAt() != null)
							? OffsetDateTime.ofInstant(secret.expiresAt(), java.time.ZoneOffset.UTC) : null)
			.param("createdBy", changedBy)
			.update();
	}

	boolean delete(String slot) {
		return this.jdbcClient.sql("DELETE FROM dashboard.webhook_secrets WHERE slot = :slot")
			.param("slot", slot)
			.update() == 1;
	}

	private static Instant toInstant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
