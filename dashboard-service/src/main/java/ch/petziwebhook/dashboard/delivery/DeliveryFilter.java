package ch.petziwebhook.dashboard.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The status filter of the delivery log, as the {@code status} request parameter names
 * it.
 */
enum DeliveryFilter {

	/** Every delivery with a row, and every rejected request. */
	ALL,

	/**
	 * Received by ingest but not processed by the projector yet. These have no row, so
	 * the log shows their number only.
	 */
	ACCEPTED,

	PROJECTED, STALE, IGNORED, FAILED,

	/** Requests that ingest rejected, which never reached the raw topic. */
	REJECTED;

	String parameter() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Tells whether the filter shows rows of {@code read_model.deliveries}. */
	boolean includesDeliveries() {
		return this != ACCEPTED && this != REJECTED;
	}

	/** Tells whether the filter shows rows of {@code dashboard.rejected_webhooks}. */
	boolean includesRejections() {
		return this == ALL || this == REJECTED;
	}

	/** Returns the projector's status that the filter selects, or null for several. */
	String deliveryStatus() {
		return (this == ALL || !includesDeliveries()) ? null : parameter();
	}

	static Optional<DeliveryFilter> fromParameter(String value) {
		return Arrays.stream(values()).filter((filter) -> filter.parameter().equals(value)).findFirst();
	}

}
