package ch.petziwebhook.ingest.spool;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Registry of sends to Kafka, by delivery id, of deliveries that went to the spool after
 * a send: unresolved or failed. The producer resolves every send within its delivery
 * timeout, and until then the drainer does not publish the record again. When the send
 * succeeds, the drainer skips the record, so the raw topic contains it once. When it
 * failed, the drainer first checks whether the broker wrote the record anyway.
 * <p>
 * The map lives in memory only: after a restart nothing is in flight, and the drainer
 * checks every record an earlier run left in the spool.
 */
public final class InFlightSends {

	private final Map<UUID, CompletableFuture<?>> sends = new ConcurrentHashMap<>();

	/**
	 * Keeps the send of a delivery until the drainer has handled its spooled record. Call
	 * it before the delivery is appended to the spool, also for a send that failed.
	 */
	public void track(UUID deliveryId, CompletableFuture<?> send) {
		this.sends.put(deliveryId, send);
	}

	/**
	 * Drops the send of a delivery, when its record is published or was never spooled.
	 */
	public void forget(UUID deliveryId) {
		this.sends.remove(deliveryId);
	}

	/**
	 * Returns the send of a delivery, or {@code null} when none is known.
	 */
	public @Nullable CompletableFuture<?> get(UUID deliveryId) {
		return this.sends.get(deliveryId);
	}

	/**
	 * Returns the number of sends kept.
	 */
	public int size() {
		return this.sends.size();
	}

}
