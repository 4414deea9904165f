package ch.petziwebhook.dashboard.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ch.petziwebhook.dashboard.system.ReadModel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the delivery log: the projector's {@code read_model.deliveries} merged with the
 * dashboard's {@code dashboard.rejected_webhooks}, newest first. Pages are cut by keyset
 * (time, then id as text), so a page costs one query however deep it is.
 */
@Repository
class DeliveryLogQueries {

	private static final String DELIVERIES = """
			SELECT delivery_id::text AS id, received_at AS at, status, event, ticket_number, error,
			       source_partition || '@' || source_offset AS source,
			       NULL::text AS reason, NULL::integer AS http_status, NULL::text AS detail,
			       NULL::text AS remote_address, NULL::text AS user_agent, NULL::text AS petzi_version,
			       NULL::bigint AS body_length, NULL::text AS body_sha256,
			       NULL::bigint AS timestamp_skew_seconds, NULL::text[] AS secret_slots_tried
			FROM read_model.deliveries
			WHERE (CAST(:status AS text) IS NULL OR status = :status)
			""";

	private static final String DELIVERIES_BEFORE = """
			  AND received_at <= :before AND (received_at, delivery_id::text) < (:before, :beforeId)
			""";

	private static final String REJECTIONS = """
			SELECT id::text AS id, rejected_at AS at, 'rejected' AS status, NULL AS event,
			       NULL AS ticket_number, NULL AS error, NULL AS source,
			       reason, status AS http_status, detail, remote_address, user_agent, petzi_version,
			       body_length, body_sha256, timestamp_skew_seconds, secret_slots_tried
			FROM dashboard.rejected_webhooks
			WHERE true
			""";

	private static final String REJECTIONS_BEFORE = """
			  AND rejected_at <= :before AND (rejected_at, id::text) < (:before, :beforeId)
			""";

	private final JdbcClient jdbcClient;

	DeliveryLogQueries(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Finds one page of the log. While the read model does not exist, the page shows the
	 * rejected requests alone.
	 * @return the entries, at most {@code query.size()}, and where the next page starts
	 */
	DeliveryLogPage findPage(DeliveryLogQuery query, Long pendingDeliveries) {
		DeliveryFilter filter = query.filter();
		List<DeliveryEntry> entries = ReadModel.queryOrEmpty(
				() -> queryEntries(query, filter.includesDeliveries(), filter.includesRejections()),
				() -> queryEntries(query, false, filter.includesRejections()));

		DeliveryLogPage.Cursor next = null;
		if (entries.size() > query.size()) {
			entries = entries.subList(0, query.size());
			DeliveryEntry last = entries.get(entries.size() - 1);
			next = new DeliveryLogPage.Cursor(last.at(), last.id());
		}
		return new DeliveryLogPage(entries, filter.parameter(), query.size(), next, pendingDeliveries);
	}

	/**
	 * Finds the status and raw topic position of a delivery.
	 * @return the delivery's status and position, empty when there is no such delivery
	 */
	Optional<DeliverySource> findSource(UUID deliveryId) {
		return ReadModel.queryOrEmpty(() -> this.jdbcClient.sql("""
				SELECT delivery_id, status, source_partition, source_offset
				FROM read_model.deliveries
				WHERE delivery_id = :id
				""").param("id", deliveryId).query(DeliveryLogQueries::mapSource).optional(), Optional::empty);
	}

	/**
	 * Finds the failed deliveries, oldest first.
	 * @param limit the maximum number returned
	 */
	List<DeliverySource> findFailed(int limit) {
		return ReadModel.queryOrEmpty(() -> this.jdbcClient.sql("""
				SELECT delivery_id, status, source_partition, source_offset
				FROM read_model.deliveries
				WHERE status = 'failed'
				ORDER BY received_at, delivery_id
				LIMIT :limit
				""").param("limit", limit).query(DeliveryLogQueries::mapSource).list(), List::of);
	}

	/** Counts the failed deliveries. */
	long countFailed() {
		return ReadModel.queryOrEmpty(
				() -> this.jdbcClient.sql("SELECT count(*) FROM read_model.deliveries WHERE status = 'failed'")
					.query(Long.class)
					.single(),
				() -> 0L);
	}

	private List<DeliveryEntry> queryEntries(DeliveryLogQuery query, boolean deliveries, boolean rejections) {
		List<String> branches = new ArrayList<>();
		Map<String, Object> parameters = new HashMap<>();
		if (query.cursor() != null) {
			parameters.put("before", query.cursor().before());
			parameters.put("beforeId", query.cursor().beforeId());
		}
		if (deliveries) {
			branches.add(branch(DELIVERIES + ((query.cursor() != null) ? DELIVERIES_BEFORE : ""), "received_at",
					"delivery_id"));
			parameters.put("status", query.filter().deliveryStatus());
		}
		if (rejections) {
			branches.add(branch(REJECTIONS + ((query.cursor() != null) ? REJECTIONS_BEFORE : ""), "rejected_at", "id"));
		}
		if (branches.isEmpty()) {
			return List.of();
		}
		parameters.put("limit", query.size() + 1);

		// Each branch stops at the page size plus one, which its time index serves. The
		// union is then sorted once more.
		String sql = "SELECT * FROM (" + String.join(" UNION ALL ", branches)
				+ ") entries ORDER BY at DESC, id DESC LIMIT :limit";
		return this.jdbcClient.sql(sql).params(parameters).query(DeliveryLogQueries::mapEntry).list();
	}

	private static String branch(String select, String timeColumn, String idColumn) {
		return "(" + select + " ORDER BY " + timeColumn + " DESC, " + idColumn + "::text DESC LIMIT :limit)";
	}

	private static DeliveryEntry mapEntry(ResultSet rs, int rowNum) throws SQLException {
		DeliveryEntry.Rejection rejection = null;
		if (rs.getString("reason") != null) {
			rejection = new DeliveryEntry.Rejection(rs.getString("reason"), rs.getInt("http_status"),
					rs.getString("detail"), rs.getString("remote_address"), rs.getString("user_agent"),
					rs.getString("petzi_version"), rs.getLong("body_length"), rs.getString("body_sha256"),
					rs.getObject("timestamp_skew_seconds", Long.class),
					RejectionRepository.slots(rs, "secret_slots_tried"));
		}
		return new DeliveryEntry(rs.getString("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("status"),
				rs.getString("event"), rs.getString("ticket_number"), rs.getString("error"), rs.getString("source"),
				rejection, null);
	}

	private static DeliverySource mapSource(ResultSet rs, int rowNum) throws SQLException {
		return new DeliverySource(rs.getObject("delivery_id", UUID.class), rs.getString("status"),
				rs.getInt("source_partition"), rs.getLong("source_offset"));
	}

	/**
	 * The projector's status of a delivery and its position on the raw topic.
	 *
	 * @param deliveryId the delivery id
	 * @param status the projector's status for it
	 * @param partition the partition of the raw topic
	 * @param offset the offset in that partition
	 */
	record DeliverySource(UUID deliveryId, String status, int partition, long offset) {

	}

}
