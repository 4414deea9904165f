package ch.petziwebhook.dashboard.account;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes dashboard users in {@code dashboard.users}.
 */
@Repository
class UserRepository {

	private final JdbcClient jdbcClient;

	UserRepository(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	long count() {
		return this.jdbcClient.sql("SELECT count(*) FROM dashboard.users").query(Long.class).single();
	}

	Optional<User> findByUsername(String username) {
		return this.jdbcClient.sql("""
				SELECT username, password_hash, role
				FROM dashboard.users
				WHERE username = :username
				""")
			.param("username", username)
			.query((rs, rowNum) -> new User(rs.getString("username"), rs.getString("password_hash"),
					Role.valueOf(rs.getString("role"))))
			.optional();
	}

	/**
	 * Inserts a user unless one with that username exists.
	 * @param user the user with an already encoded password
	 * @return {@code true} when the user was inserted
	 */
	boolean insertIfAbsent(User user) {
		int inserted = this.jdbcClient.sql("""
				INSERT INTO dashboard.users (username, password_hash, role)
				VALUES (:username, :passwordHash, :role)
				ON CONFLICT (username) DO NOTHING
				""")
			.param("username", user.username())
			.param("passwordHash", user.passwordHash())
			.param("role", user.role().name())
			.update();
		return inserted == 1;
	}

}
