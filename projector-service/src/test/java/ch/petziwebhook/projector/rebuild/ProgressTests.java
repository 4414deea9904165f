package ch.petziwebhook.projector.rebuild;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTests {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@Test
	void lineShowsDoneRateAndTimeLeft() {
		Progress progress = progress(1_000_000, 0, Duration.ofSeconds(5));

		assertThat(progress.line(120_000, Duration.ofSeconds(15)))
			.isEqualTo("120000 / 1000000 records (12.0%), 8000 records/s, about 1m50s left");
	}

	@Test
	void rateCountsOnlyThisRun() {
		Progress progress = progress(1_000, 900, Duration.ofSeconds(5));

		assertThat(progress.line(950, Duration.ofSeconds(5))).contains("10 records/s, about 5s left");
	}

	@Test
	void lineWithoutProgressHasNoEstimate() {
		Progress progress = progress(10, 0, Duration.ofSeconds(5));

		assertThat(progress.line(0, Duration.ofSeconds(1))).endsWith("time left unknown");
	}

	@Test
	void lineAtTotalHasNothingLeft() {
		Progress progress = progress(1_000, 1_000, Duration.ofSeconds(5));

		assertThat(progress.line(1_000, Duration.ofSeconds(1)))
			.isEqualTo("1000 / 1000 records (100.0%), 0 records/s, nothing left");
	}

	@Test
	void reportWaitsForInterval() {
		Progress progress = progress(10, 0, Duration.ofHours(1));

		progress.report(5, false);

		assertThat(this.output.size()).isZero();
	}

	@Test
	void lastReportIsAlwaysPrinted() {
		Progress progress = progress(10, 0, Duration.ofHours(1));

		progress.report(10, true);

		assertThat(this.output.toString(StandardCharsets.UTF_8)).startsWith("10 / 10 records (100.0%)");
	}

	private Progress progress(long total, long doneAtStart, Duration interval) {
		return new Progress(total, doneAtStart, interval, new PrintStream(this.output, true, StandardCharsets.UTF_8));
	}

}
