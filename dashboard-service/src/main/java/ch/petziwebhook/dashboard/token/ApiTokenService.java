package ch.petziwebhook.dashboard.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Creates, finds and deletes the API tokens that scripts send as
 * {@code Authorization: Bearer <token>}. Tokens are 256 random bits; only their SHA-256
 * hash is stored, so a fast hash is enough and a lookup is one indexed query.
 */
@Service
public class ApiTokenService {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);

	static final String PREFIX = "pzt_";

	private final JdbcClient jdbcClient;

	private final SecureRandom random = new SecureRandom();

	ApiTokenService(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Creates a token.
	 * @param name what the token is for, 1 to 100 characters
	 * @param createdBy the admin creating it
	 * @return the token in plain text, which is never shown again
	 */
	public String create(String name, String createdBy) {
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			throw new IllegalArgumentException("Invalid token name: must have 1 to 100 characters");
		}

		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.jdbcClient.sql("""
				INSERT INTO dashboard.api_tokens (name, token_hash, created_by)
				VALUES (:name, :hash, :createdBy)
				""").param("name", trimmed).param("hash", hash(token)).param("createdBy", createdBy).update();

		log.info("Created API token '{}' on request of '{}'", trimmed, createdBy);
		return token;
	}

	/**
	 * Finds the token a request presented and records its use.
	 * @return the token, or empty when it is unknown or deleted
	 */
	public Optional<ApiToken> authenticate(String token) {
		return this.jdbcClient.sql("""
				UPDATE dashboard.api_tokens SET last_used_at = now()
				WHERE token_hash = :hash
				RETURNING id, name, created_by, created_at, last_used_at
				""").param("hash", hash(token)).query(ApiTokenService::mapToken).optional();
	}

	public List<ApiToken> findAll() {
		return this.jdbcClient.sql("""
				SELECT id, name, created_by, created_at, last_used_at
				FROM dashboard.api_tokens
				ORDER BY id
				""").query(ApiTokenService::mapToken).list();
	}

	public boolean delete(long id, String deletedBy) {
		boolean deleted = this.jdbcClient.sql("DELETE FROM dashboard.api_tokens WHERE id = :id")
			.param("id", id)
			.update() == 1;
		if (deleted) {
			log.info("Deleted API token {} on request of '{}'", id, deletedBy);
		}
		return deleted;
	}

	private static ApiToken mapToken(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
		return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("created_by"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_used_at", OffsetDateTime.class));
	}

	private static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
