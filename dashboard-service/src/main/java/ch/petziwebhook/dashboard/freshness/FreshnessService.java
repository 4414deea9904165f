package ch.petziwebhook.dashboard.freshness;

import java.time.OffsetDateTime;

import ch.petziwebhook.dashboard.system.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Tells how current the read model is: the newest delivery the projector recorded and the
 * last count of deliveries it has still to process.
 */
@Service
public class FreshnessService {

	private static final Logger log = LoggerFactory.getLogger(FreshnessService.class);

	private final JdbcClient jdbcClient;

	private final ProjectorLagMonitor lagMonitor;

	FreshnessService(JdbcClient jdbcClient, ProjectorLagMonitor lagMonitor) {
		this.jdbcClient = jdbcClient;
		this.lagMonitor = lagMonitor;
	}

	/**
	 * Returns the current freshness. A database error gives an unknown last delivery, so
	 * that the error page can still show it.
	 */
	public Freshness current() {
		ProjectorLagMonitor.Lag lag = this.lagMonitor.lastLag();
		return new Freshness(lastDeliveryAt(), (lag != null) ? lag.pending() : null,
				(lag != null) ? lag.checkedAt() : null);
	}

	private OffsetDateTime lastDeliveryAt() {
		try {
			// An aggregate returns one row, holding null while there is no delivery.
			return ReadModel
				.queryOrEmpty(() -> this.jdbcClient.sql("SELECT max(received_at) FROM read_model.deliveries")
					.query((rs, rowNum) -> rs.getObject(1, OffsetDateTime.class))
					.list()
					.get(0), () -> null);
		}
		catch (DataAccessException ex) {
			log.debug("Failed to read the time of the last delivery", ex);
			return null;
		}
	}

}
