package ch.petziwebhook.benchmark.dashboard;

import java.util.Arrays;

/**
 * Measured latencies of one page or API route.
 *
 * @param label the route
 * @param requests how many requests were measured
 * @param p50Millis the median latency
 * @param p95Millis the 95th percentile latency, nearest rank
 * @param maxMillis the slowest request
 * @param meanKilobytes the mean body size
 * @param note why figures are missing, or empty
 */
record RouteFigures(String label, int requests, double p50Millis, double p95Millis, double maxMillis,
		double meanKilobytes, String note) {

	static RouteFigures of(String label, long[] nanos, long totalBytes) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return new RouteFigures(label, sorted.length, percentile(sorted, 50), percentile(sorted, 95),
				sorted[sorted.length - 1] / 1e6, totalBytes / 1024.0 / sorted.length, "");
	}

	static RouteFigures failed(String label, int requests, String note) {
		return new RouteFigures(label, requests, Double.NaN, Double.NaN, Double.NaN, Double.NaN, note);
	}

	// Nearest-rank percentile: the smallest value that at least p percent of the values
	// do not exceed.
	private static double percentile(long[] sorted, int p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)] / 1e6;
	}

}
