package ch.petziwebhook.dashboard.system;

import java.io.IOException;

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
 * client's mistake, so pages respond 400 instead of 500, and the error page shows the
 * reason. {@link ApiExceptionHandler} handles the REST API's requests first.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class DataExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(DataExceptionHandler.class);

	@ExceptionHandler
	void handleDataIntegrityViolation(DataIntegrityViolationException ex, HttpServletResponse response)
			throws IOException {
		if (!ParameterErrors.isDataException(ex)) {
			throw ex;
		}
		log.warn("Rejected a request value that the database cannot use (SQL state {})", ParameterErrors.sqlState(ex));
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

}
