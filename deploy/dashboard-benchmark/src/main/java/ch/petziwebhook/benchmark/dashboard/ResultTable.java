package ch.petziwebhook.benchmark.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * The result table in Markdown: a header row and one row per route, nothing else.
 */
final class ResultTable {

	private ResultTable() {
	}

	static String markdown(List<RouteFigures> figures) {
		StringBuilder table = new StringBuilder();
		table.append("| Route | Requests | p50 ms | p95 ms | Max ms | Mean KB | Heap peak +MB | Heap after GC +MB |")
			.append(" Note |\n");
		table.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (RouteFigures route : figures) {
			table.append(String.format(Locale.ROOT, "| `%s` | %d | %s | %s | %s | %s | %s | %s | %s |%n", route.label(),
					route.requests(), number(route.p50Millis()), number(route.p95Millis()), number(route.maxMillis()),
					number(route.meanKilobytes()),
					(route.heapPeakMegabytes() < 0) ? "" : number(route.heapPeakMegabytes()),
					number(route.heapRetainedMegabytes()), route.note()));
		}
		return table.toString();
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
	}

}
