package ch.petziwebhook.projector.delivery;

import java.util.Locale;

/**
 * Outcome of a delivery, as stored in the {@code status} column of the delivery log.
 */
public enum DeliveryStatus {

	/** The ticket snapshot is now in the read model. */
	PROJECTED,

	/** The read model already held a newer snapshot of the ticket, so nothing changed. */
	STALE,

	/** The event is not a ticket change, so nothing was projected. */
	IGNORED,

	/** The payload cannot be projected; the record went to the dead-letter topic. */
	FAILED;

	/**
	 * Returns the value stored in the {@code status} column.
	 */
	public String columnValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
