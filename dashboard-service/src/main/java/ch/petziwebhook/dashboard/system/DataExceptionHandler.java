package ch.petziwebhook.dashboard.system;

import java.io.IOException;
import java.sql.SQLException;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Error advice for request values that PostgreSQL rejects as data, such as a NUL
 * character in a search text or a token name. SQL state class 22 (data exception) is the
 * client's mistake, so pages and the API respond 400 instead of 500.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class DataExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(DataExceptionHandler.class);

	@ExceptionHandler
	void handleDataIntegrityViolation(DataIntegrityViolationException ex, HttpServletResponse response)
			throws IOException {
		String sqlState = sqlState(ex);
		if (sqlState == null || !sqlState.startsWith("22")) {
			throw ex;
		}
		log.warn("Rejected a request value that the database cannot use (SQL state {})", sqlState);
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

	private static String sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

}
