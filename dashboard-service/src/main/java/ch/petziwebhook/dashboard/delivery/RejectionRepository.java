package ch.petziwebhook.dashboard.delivery;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import ch.petziwebhook.model.RejectedWebhook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores the requests that ingest rejected in {@code dashboard.rejected_webhooks}, keyed
 * by their position on the rejection topic.
 */
@Repository
class RejectionRepository {

	private final JdbcClient jdbcClient;

	RejectionRepository(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Inserts a rejected request unless the record at that topic position is stored
	 * already.
	 * @return whether a row was inserted
	 */
	boolean save(RejectedWebhook rejection, int partition, long offset) {
		return this.jdbcClient.sql("""
				INSERT INTO dashboard.rejected_webhooks (rejected_at, reason, status, detail, remote_address,
				    user_agent, petzi_version, body_length, body_sha256, timestamp_skew_seconds,
				    secret_slots_tried, source_partition, source_offset)
				VALUES (:rejectedAt, :reason, :status, :detail, :remoteAddress, :userAgent, :petziVersion,
				    :bodyLength, :bodySha256, :skew, string_to_array(:slots, ','), :partition, :offset)
				ON CONFLICT (source_partition, source_offset) DO NOTHING
				""")
			.param("rejectedAt", OffsetDateTime.ofInstant(rejection.rejectedAt(), ZoneOffset.UTC))
			.param("reason", rejection.reason())
			.param("status", rejection.status())
			.param("detail", rejection.detail())
			.param("remoteAddress", rejection.remoteAddress())
			.param("userAgent", rejection.userAgent())
			.param("petziVersion", rejection.petziVersion())
			.param("bodyLength", rejection.bodyLength())
			.param("bodySha256", rejection.bodySha256())
			.param("skew", rejection.timestampSkewSeconds())
			.param("slots", String.join(",", rejection.secretSlotsTried()))
			.param("partition", partition)
			.param("offset", offset)
			.update() == 1;
	}

	/**
	 * Deletes the rows rejected before {@code oldest} and those beyond the newest
	 * {@code keep}.
	 * @return the number of rows deleted
	 */
	int prune(Instant oldest, int keep) {
		int expired = this.jdbcClient.sql("DELETE FROM dashboard.rejected_webhooks WHERE rejected_at < :oldest")
			.param("oldest", OffsetDateTime.ofInstant(oldest, ZoneOffset.UTC))
			.update();
		int surplus = this.jdbcClient.sql("""
				DELETE FROM dashboard.rejected_webhooks
				WHERE id IN (SELECT id FROM dashboard.rejected_webhooks
				             ORDER BY rejected_at DESC, id DESC OFFSET :keep)
				""").param("keep", keep).update();
		return expired + surplus;
	}

	static List<String> slots(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		if (array == null) {
			return List.of();
		}
		return List.of((String[]) array.getArray());
	}

}
