package ch.petziwebhook.dashboard.delivery;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The parameters of a delivery log request, checked: a status filter, an optional cursor
 * and a page size.
 *
 * @param filter the status filter
 * @param cursor where the page starts, or {@code null} for the newest entries
 * @param size the number of entries per page
 */
record DeliveryLogQuery(DeliveryFilter filter, DeliveryLogPage.Cursor cursor, int size) {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 200;

	/**
	 * Checks the request parameters.
	 * @throws InvalidParameterException naming the first invalid parameter
	 */
	static DeliveryLogQuery parse(String status, String before, String beforeId, String size) {
		DeliveryFilter filter = (status == null || status.isEmpty()) ? DeliveryFilter.ALL
				: DeliveryFilter.fromParameter(status)
					.orElseThrow(() -> InvalidParameterException.of("status", status,
							"one of all, accepted, projected, stale, ignored, failed, rejected"));
		return new DeliveryLogQuery(filter, cursor(before, beforeId), pageSize(size));
	}

	private static DeliveryLogPage.Cursor cursor(String before, String beforeId) {
		boolean hasBefore = before != null && !before.isEmpty();
		boolean hasBeforeId = beforeId != null && !beforeId.isEmpty();
		if (hasBefore != hasBeforeId) {
			String missing = hasBefore ? "beforeId" : "before";
			String given = hasBefore ? "before" : "beforeId";
			throw new InvalidParameterException(missing,
					"Missing parameter '" + missing + "': it is required together with '" + given + "'");
		}
		if (!hasBefore) {
			return null;
		}
		try {
			OffsetDateTime time = OffsetDateTime.parse(before);
			return new DeliveryLogPage.Cursor(time, UUID.fromString(beforeId).toString());
		}
		catch (DateTimeParseException ex) {
			throw InvalidParameterException.of("before", before, "an ISO-8601 time with offset");
		}
		catch (IllegalArgumentException ex) {
			throw InvalidParameterException.of("beforeId", beforeId, "a UUID");
		}
	}

	private static int pageSize(String size) {
		if (size == null || size.isEmpty()) {
			return DEFAULT_SIZE;
		}
		try {
			int parsed = Integer.parseInt(size);
			if (parsed >= 1 && parsed <= MAX_SIZE) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below like a number out of range.
		}
		throw InvalidParameterException.of("size", size, "an integer from 1 to " + MAX_SIZE);
	}

	/**
	 * A request parameter of the delivery log that is invalid or missing.
	 */
	static final class InvalidParameterException extends RuntimeException {

		private final String parameter;

		InvalidParameterException(String parameter, String message) {
			super(message);
			this.parameter = parameter;
		}

		static InvalidParameterException of(String parameter, String value, String expected) {
			String shown = (value.length() > 100) ? value.substring(0, 100) + "..." : value;
			return new InvalidParameterException(parameter,
					"Invalid parameter '" + parameter + "': '" + shown + "' is not " + expected);
		}

		String parameter() {
			return this.parameter;
		}

	}

}
