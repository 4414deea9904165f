package ch.petziwebhook.benchmark.dashboard;

import java.util.Arrays;

/**
 * Figures of a bulk export: a path that returns a whole table or all tickets of an event,
 * measured as throughput and, for the CSV export, as the dashboard's heap.
 *
 * @param label the path
 * @param heap the dashboard's maximum heap, as for {@code -Xmx}
 * @param runs how many requests were measured
 * @param medianSeconds the median duration of a request
 * @param maxSeconds the slowest request
 * @param meanMegabytes the mean body size in MiB
 * @param megabytesPerSecond all bodies divided by all durations, in MiB per second
 * @param heapPeakMegabytes the highest used heap sampled during a request minus the used
 * heap after a full GC before it, garbage included, or {@link Double#NaN} when not
 * sampled
 * @param liveHeapMegabytes the highest used heap after a collection during a request
 * minus the used heap after the full GC before it, or {@link Double#NaN} when no
 * collection ran during the requests or none was logged
 * @param collections the number of collections during the requests, or -1 when not logged
 * @param retainedMegabytes the used heap after a full GC following a request minus the
 * one before, or {@link Double#NaN} when not sampled
 * @param note why figures are missing, or empty
 */
record BulkFigures(String label, String heap, int runs, double medianSeconds, double maxSeconds, double meanMegabytes,
		double megabytesPerSecond, double heapPeakMegabytes, double liveHeapMegabytes, int collections,
		double retainedMegabytes, String note) {

	private static final double MEBIBYTE = 1024.0 * 1024.0;

	static BulkFigures of(String label, String heap, long[] nanos, long totalBytes) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double totalSeconds = Arrays.stream(sorted).sum() / 1e9;
		return new BulkFigures(label, heap, sorted.length, sorted[(sorted.length - 1) / 2] / 1e9,
				sorted[sorted.length - 1] / 1e9, totalBytes / MEBIBYTE / sorted.length,
				totalBytes / MEBIBYTE / totalSeconds, Double.NaN, Double.NaN, -1, Double.NaN, "");
	}

	static BulkFigures failed(String label, String heap, int runs, String note) {
		return new BulkFigures(label, heap, runs, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
				Double.NaN, -1, Double.NaN, note);
	}

	BulkFigures withHeap(double peakMegabytes, double liveMegabytes, int collections, double retainedMegabytes) {
		return new BulkFigures(this.label, this.heap, this.runs, this.medianSeconds, this.maxSeconds,
				this.meanMegabytes, this.megabytesPerSecond, peakMegabytes, liveMegabytes, collections,
				retainedMegabytes, this.note);
	}

	static double megabytes(long bytes) {
		return bytes / MEBIBYTE;
	}

}
