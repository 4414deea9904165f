package ch.petziwebhook.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Final figures of one benchmark run, one row per figure, written as a Markdown table
 * with {@code --markdown FILE}.
 */
final class BenchmarkResults {

	private final List<String[]> rows = new ArrayList<>();

	/**
	 * Adds a figure.
	 * @param step the benchmark step that measured it
	 * @param figure what was measured, with its unit
	 * @param value the measured value
	 */
	void add(String step, String figure, String value) {
		this.rows.add(new String[] { step, figure, value });
	}

	/**
	 * Writes the figures as a Markdown table: a header row and one row per figure.
	 */
	void writeMarkdown(Path file) throws IOException {
		StringBuilder table = new StringBuilder("| step | figure | value |\n| --- | --- | --- |\n");
		for (String[] row : this.rows) {
			table.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		Files.writeString(file, table, StandardCharsets.UTF_8);
	}

}
