package ch.petziwebhook.dashboard.system;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * Runs queries on the projector's {@code read_model} schema, which does not exist until
 * the projector has started once. Until then every query returns its empty result instead
 * of failing.
 */
public final class ReadModel {

	private static final Logger log = LoggerFactory.getLogger(ReadModel.class);

	// PostgreSQL's undefined_table and invalid_schema_name.
	private static final Set<String> MISSING_RELATION_STATES = Set.of("42P01", "3F000");

	private static final AtomicBoolean missingLogged = new AtomicBoolean();

	private ReadModel() {
	}

	/**
	 * Runs a query, or returns {@code empty} when the read model tables do not exist yet.
	 * @param <T> the result type
	 * @param query the query
	 * @param empty the result to return when the read model is missing
	 * @return the query's result or {@code empty}
	 */
	public static <T> T queryOrEmpty(Supplier<T> query, Supplier<T> empty) {
		try {
			return query.get();
		}
		catch (DataAccessException ex) {
			if (!isMissingRelation(ex)) {
				throw ex;
			}
			logMissing(ex);
			return empty.get();
		}
	}

	// Warns once, because every request would repeat the same line until the projector
	// starts.
	private static void logMissing(DataAccessException ex) {
		String reason = ex.getMostSpecificCause().getMessage();
		if (missingLogged.compareAndSet(false, true)) {
			log.warn("Returned an empty result because the read model is missing, start the projector to create it: {}",
					reason);
		}
		else {
			log.debug("Returned an empty result because the read model is missing: {}", reason);
		}
	}

	private static boolean isMissingRelation(DataAccessException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sqlException
					&& MISSING_RELATION_STATES.contains(sqlException.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
