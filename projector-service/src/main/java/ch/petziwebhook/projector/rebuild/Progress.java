package ch.petziwebhook.projector.rebuild;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress line of a replay: records done out of the total, rate since the start and the
 * estimated time left, printed at most once per interval and once at the end.
 */
final class Progress {

	private final long total;

	private final long doneAtStart;

	private final Duration interval;

	private final PrintStream out;

	private final long start = System.nanoTime();

	private long lastReport = this.start;

	Progress(long total, long doneAtStart, Duration interval, PrintStream out) {
		this.total = total;
		this.doneAtStart = doneAtStart;
		this.interval = interval;
		this.out = out;
	}

	/**
	 * Prints the progress line when the interval has passed since the last one, or always
	 * when {@code last} is set.
	 */
	void report(long done, boolean last) {
		long now = System.nanoTime();
		if (!last && now - this.lastReport < this.interval.toNanos()) {
			return;
		}
		this.lastReport = now;
		this.out.println(line(done, Duration.ofNanos(now - this.start)));
	}

	/**
	 * Formats the progress after an elapsed time, for example
	 * {@code 120000 / 1000000 records (12.0%), 8000 records/s, about 1m50s left}.
	 */
	String line(long done, Duration elapsed) {
		double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
		double rate = (done - this.doneAtStart) / seconds;
		double percent = (this.total > 0) ? 100.0 * done / this.total : 100.0;
		String left;
		if (done >= this.total) {
			left = "nothing left";
		}
		else if (rate > 0) {
			left = "about " + duration(Math.round((this.total - done) / rate)) + " left";
		}
		else {
			left = "time left unknown";
		}
		return String.format(Locale.ROOT, "%d / %d records (%.1f%%), %.0f records/s, %s", done, this.total, percent,
				rate, left);
	}

	private static String duration(long seconds) {
		long minutes = seconds / 60;
		return (minutes > 0) ? "%dm%02ds".formatted(minutes, seconds % 60) : seconds + "s";
	}

}
