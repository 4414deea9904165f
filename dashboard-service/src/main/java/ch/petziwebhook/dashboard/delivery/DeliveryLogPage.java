package ch.petziwebhook.dashboard.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One page of the delivery log, newest first. The next page starts after the last entry
 * of this one, so entries that arrive meanwhile neither repeat nor shift entries.
 *
 * @param content the entries of this page
 * @param status the status filter
 * @param size the maximum number of entries per page
 * @param next where the next page starts, or {@code null} on the last page
 * @param pendingDeliveries deliveries that ingest accepted and the projector has not
 * processed yet (the projector's consumer lag), or {@code null} when unknown
 */
public record DeliveryLogPage(List<DeliveryEntry> content, String status, int size, Cursor next,
		Long pendingDeliveries) {

	DeliveryLogPage map(UnaryOperator<DeliveryEntry> mapper) {
		return new DeliveryLogPage(this.content.stream().map(mapper).toList(), this.status, this.size, this.next,
				this.pendingDeliveries);
	}

	/**
	 * The position after an entry: the entries older than {@code before}, or as old and
	 * with a smaller id.
	 *
	 * @param before the time of the last entry shown
	 * @param beforeId the id of the last entry shown
	 */
	public record Cursor(OffsetDateTime before, String beforeId) {

	}

}
