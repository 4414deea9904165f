package ch.petziwebhook.dashboard.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
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

	long countAdmins() {
		return this.jdbcClient.sql("SELECT count(*) FROM dashboard.users WHERE role = 'ADMIN'")
			.query(Long.class)
			.single();
	}

	Optional<User> findByUsername(String username) {
		return this.jdbcClient.sql("""
				SELECT username, password_hash, role
				FROM dashboard.users
				WHERE username = :username
				""").param("username", username).query(UserRepository::mapUser).optional();
	}

	List<User> findAll() {
		return this.jdbcClient.sql("""
				SELECT username, password_hash, role
				FROM dashboard.users
				ORDER BY username
				""").query(UserRepository::mapUser).list();
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

	/**
	 * Locks the user table until the end of the transaction, so that two registrations
	 * cannot both see an empty table and both become admin.
	 */
	void lockTable() {
		this.jdbcClient.sql("LOCK TABLE dashboard.users IN SHARE ROW EXCLUSIVE MODE").update();
	}

	boolean updatePasswordHash(String username, String passwordHash) {
		return this.jdbcClient
			.sql("UPDATE dashboard.users SET password_hash = :passwordHash WHERE username = :username")
			.param("passwordHash", passwordHash)
			.param("username", username)
			.update() == 1;
	}

	boolean updateRole(String username, Role role) {
		return this.jdbcClient.sql("UPDATE dashboard.users SET role = :role WHERE username = :username")
			.param("role", role.name())
			.param("username", username)
			.update() == 1;
	}

	private static User mapUser(ResultSet rs, int rowNum) throws SQLException {
		return new User(rs.getString("username"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")));
	}

}
