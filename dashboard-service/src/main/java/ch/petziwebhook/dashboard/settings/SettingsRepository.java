package ch.petziwebhook.dashboard.settings;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the dashboard's own settings in {@code dashboard.settings}.
 */
@Repository
public class SettingsRepository {

	static final String REGISTRATION_OPEN = "registration.open";

	private final JdbcClient jdbcClient;

	SettingsRepository(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Tells whether an admin has opened the registration of new accounts; closed unless
	 * set.
	 */
	public boolean isRegistrationOpen() {
		return find(REGISTRATION_OPEN).map(Boolean::parseBoolean).orElse(false);
	}

	/**
	 * Opens or closes the registration of new accounts.
	 */
	public void setRegistrationOpen(boolean open, String changedBy) {
		save(REGISTRATION_OPEN, Boolean.toString(open), changedBy);
	}

	Optional<String> find(String key) {
		return this.jdbcClient.sql("SELECT value FROM dashboard.settings WHERE key = :key")
			.param("key", key)
			.query(String.class)
			.optional();
	}

	void save(String key, String value, String changedBy) {
		this.jdbcClient.sql("""
				INSERT INTO dashboard.settings (key, value, updated_at, updated_by)
				VALUES (:key, :value, now(), :changedBy)
				ON CONFLICT (key) DO UPDATE
				SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
				""").param("key", key).param("value", value).param("changedBy", changedBy).update();
	}

}
