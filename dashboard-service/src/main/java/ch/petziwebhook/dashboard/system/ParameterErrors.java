package ch.petziwebhook.dashboard.system;

import java.sql.SQLException;
import java.util.stream.Collectors;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * The text naming the invalid request parameter and the rule it broke, the same for the
 * REST API's problem details and the pages' error page. It names the parameter and the
 * rule, never the rejected value. A value that PostgreSQL rejects as data names no
 * parameter, because the database does not say which one it was.
 */
final class ParameterErrors {

	private ParameterErrors() {
	}

	/**
	 * Describes an invalid parameter, or returns {@code null} when the error is of
	 * another kind.
	 */
	static String describe(Throwable error) {
		if (error instanceof TypeMismatchException mismatch) {
			return "Invalid parameter '" + mismatch.getPropertyName() + "': must be "
					+ typeName(mismatch.getRequiredType());
		}
		if (error instanceof HandlerMethodValidationException validation) {
			return validation.getParameterValidationResults()
				.stream()
				.map((result) -> "Invalid parameter '" + result.getMethodParameter().getParameterName() + "': "
						+ result.getResolvableErrors()
							.stream()
							.map(MessageSourceResolvable::getDefaultMessage)
							.collect(Collectors.joining(", ")))
				.collect(Collectors.joining("; "));
		}
		if (error instanceof DataIntegrityViolationException && isDataException(error)) {
			return "Invalid request value: it contains a character that the database cannot store, such as a NUL character";
		}
		return null;
	}

	/**
	 * Returns whether the database rejected a value as data (SQL state class 22), which
	 * is the client's mistake.
	 */
	static boolean isDataException(Throwable error) {
		String sqlState = sqlState(error);
		return sqlState != null && sqlState.startsWith("22");
	}

	/**
	 * Returns the SQL state of the first {@link SQLException} in the cause chain, or
	 * {@code null}.
	 */
	static String sqlState(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	private static String typeName(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return "an integer";
		}
		return "a " + type.getSimpleName();
	}

}
