package ch.petziwebhook.dashboard;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Inserts dashboard users with plain SQL, so that tests log in with real credentials.
 */
public final class TestUsers {

	/** The password of every user this class creates. */
	public static final String PASSWORD = "viewer-password-for-tests";

	private static final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private TestUsers() {
	}

	/**
	 * Inserts a user with {@link #PASSWORD} unless one with that name exists.
	 * @param role {@code ADMIN} or {@code VIEWER}
	 */
	public static void create(JdbcClient jdbcClient, String username, String role) {
		jdbcClient.sql("""
				INSERT INTO dashboard.users (username, password_hash, role)
				VALUES (:username, :hash, :role)
				ON CONFLICT (username) DO NOTHING
				""").param("username", username).param("hash", encoder.encode(PASSWORD)).param("role", role).update();
	}

}
