package ch.petziwebhook.dashboard.freshness;

import java.time.OffsetDateTime;

/**
 * The freshness of the read model, as every page's header shows it.
 *
 * @param lastDeliveryAt when ingest received the newest delivery the projector has
 * recorded, or {@code null} when there is none
 * @param pendingDeliveries deliveries on the raw topic that the projector has not
 * processed yet, or {@code null} when unknown
 * @param checkedAt when the pending deliveries were counted, or {@code null}
 */
public record Freshness(OffsetDateTime lastDeliveryAt, Long pendingDeliveries, OffsetDateTime checkedAt) {

	/**
	 * Tells whether the projector is known to be behind.
	 */
	public boolean isBehind() {
		return this.pendingDeliveries != null && this.pendingDeliveries > 0;
	}

	/**
	 * Tells whether the projector is known to have processed everything.
	 */
	public boolean isCurrent() {
		return this.pendingDeliveries != null && this.pendingDeliveries == 0;
	}

}
