package ch.petziwebhook.ingest.rejection;

import java.util.function.LongSupplier;

/**
 * Token bucket that allows a number of events per second, with a burst of the same size
 * but at least one. Thread-safe.
 */
final class RateLimiter {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final double permitsPerSecond;

	private final double capacity;

	private final LongSupplier nanoTime;

	private double available;

	private long refilledAt;

	RateLimiter(double permitsPerSecond, LongSupplier nanoTime) {
		if (permitsPerSecond <= 0) {
			throw new IllegalArgumentException("Permits per second must be positive, got " + permitsPerSecond);
		}
		this.permitsPerSecond = permitsPerSecond;
		this.capacity = Math.max(1, permitsPerSecond);
		this.nanoTime = nanoTime;
		this.available = this.capacity;
		this.refilledAt = nanoTime.getAsLong();
	}

	/**
	 * Takes one permit if one is available.
	 * @return whether a permit was taken
	 */
	synchronized boolean tryAcquire() {
		long now = this.nanoTime.getAsLong();
		double refill = (now - this.refilledAt) * this.permitsPerSecond / NANOS_PER_SECOND;
		this.available = Math.min(this.capacity, this.available + refill);
		this.refilledAt = now;
		if (this.available >= 1) {
			this.available -= 1;
			return true;
		}
		return false;
	}

}
