package ch.petziwebhook.benchmark;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures of one measured run: a concurrency level against ingest or the bare producer.
 *
 * @param run what was measured, for example {@code ingest} or
 * {@code bare producer, send().get()}
 * @param concurrency requests or records in flight at once
 * @param requests requests or records sent
 * @param accepted requests that returned 200, or records acknowledged
 * @param elapsedNanos time from the first send to the last response
 * @param latencies sorted latencies in nanoseconds, or empty when not measured
 * @param otherStatuses count of each other HTTP status, {@code -1} for an I/O error
 */
record LevelResult(String run, int concurrency, int requests, int accepted, long elapsedNanos, long[] latencies,
		Map<Integer, Integer> otherStatuses) {

	static final String[] COLUMNS = { "run", "concurrency", "requests", "accepted", "seconds", "accepted/s", "p50 ms",
			"p99 ms", "max ms", "other statuses" };

	static LevelResult of(String run, int concurrency, int requests, int accepted, long elapsedNanos, long[] latencies,
			Map<Integer, Integer> otherStatuses) {
		long[] sorted = Arrays.stream(latencies).filter((latency) -> latency > 0).sorted().toArray();
		return new LevelResult(run, concurrency, requests, accepted, elapsedNanos, sorted,
				new TreeMap<>(otherStatuses));
	}

	double acceptedPerSecond() {
		return this.accepted / (this.elapsedNanos / 1e9);
	}

	/**
	 * Returns the cells of this result in the order of {@link #COLUMNS}.
	 */
	String[] cells() {
		return new String[] { this.run, Integer.toString(this.concurrency), Integer.toString(this.requests),
				Integer.toString(this.accepted), String.format("%.2f", this.elapsedNanos / 1e9),
				String.format("%.0f", acceptedPerSecond()), millis(percentile(0.50)), millis(percentile(0.99)),
				millis(percentile(1.0)), this.otherStatuses.isEmpty() ? "none" : this.otherStatuses.toString() };
	}

	private long percentile(double fraction) {
		if (this.latencies.length == 0) {
			return -1;
		}
		int index = (int) Math.ceil(fraction * this.latencies.length) - 1;
		return this.latencies[Math.max(0, index)];
	}

	private static String millis(long nanos) {
		return (nanos < 0) ? "-" : String.format("%.2f", nanos / 1e6);
	}

}
