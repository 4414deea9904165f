package ch.petziwebhook.benchmark.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * The result tables in Markdown, each a header row and one row per route or export: the
 * latencies of the pages and API routes, then the bulk exports, separated by a blank
 * line.
 */
final class ResultTable {

	private ResultTable() {
	}

	static String markdown(List<RouteFigures> routes, List<BulkFigures> exports) {
		return routes(routes) + "\n" + exports(exports);
	}

	private static String routes(List<RouteFigures> figures) {
		StringBuilder table = new StringBuilder();
		table.append("| Route | Requests | p50 ms | p95 ms | Max ms | Mean KB | Note |\n");
		table.append("|---|---:|---:|---:|---:|---:|---|\n");
		for (RouteFigures route : figures) {
			table.append(String.format(Locale.ROOT, "| `%s` | %d | %s | %s | %s | %s | %s |%n", route.label(),
					route.requests(), number(route.p50Millis()), number(route.p95Millis()), number(route.maxMillis()),
					number(route.meanKilobytes()), route.note()));
		}
		return table.toString();
	}

	private static String exports(List<BulkFigures> figures) {
		StringBuilder table = new StringBuilder();
		table.append("| Bulk export | -Xmx | Runs | p50 s | Max s | Mean MB | MB/s | Heap peak +MB |")
			.append(" Live heap after GC +MB | GCs | Heap after full GC +MB | Note |\n");
		table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (BulkFigures export : figures) {
			table.append(String.format(Locale.ROOT, "| `%s` | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
					export.label(), export.heap(), export.runs(), seconds(export.medianSeconds()),
					seconds(export.maxSeconds()), number(export.meanMegabytes()), number(export.megabytesPerSecond()),
					number(export.heapPeakMegabytes()), number(export.liveHeapMegabytes()),
					(export.collections() < 0) ? "" : Integer.toString(export.collections()),
					number(export.retainedMegabytes()), export.note()));
		}
		return table.toString();
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
	}

	private static String seconds(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value);
	}

}
