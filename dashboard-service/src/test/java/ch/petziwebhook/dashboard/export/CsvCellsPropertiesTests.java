package ch.petziwebhook.dashboard.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ch.petziwebhook.model.test.PropertyCheck;
import ch.petziwebhook.model.test.RandomInputs;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of {@link CsvCells} and of the CSV format of {@link TicketCsvExport} on
 * arbitrary cell text.
 */
class CsvCellsPropertiesTests {

	private static final int TRIES = 1000;

	private static final List<Character> FORMULA_STARTS = List.of('=', '+', '-', '@', '\t', '\r');

	@Test
	void neutralisedCellStartsSafely() {
		PropertyCheck.forAll(TRIES, CsvCellsPropertiesTests::cell, (cell) -> {
			String neutralised = CsvCells.neutralise(cell);

			assertThat(neutralised).isNotNull();
			assertThat(neutralised.isEmpty() || !FORMULA_STARTS.contains(neutralised.charAt(0)))
				.as("starts without a formula character: %s", neutralised)
				.isTrue();
		});
	}

	@Test
	void neutraliseOnlyPrefixesApostrophe() {
		PropertyCheck.forAll(TRIES, CsvCellsPropertiesTests::cell, (cell) -> {
			String neutralised = CsvCells.neutralise(cell);

			assertThat(neutralised).isIn(cell, "'" + cell);
			assertThat(CsvCells.neutralise(neutralised)).isEqualTo(neutralised);
		});
	}

	@Test
	void everyFormulaStartIsNeutralised() {
		PropertyCheck.forAll(TRIES, (inputs) -> inputs.pick(FORMULA_STARTS) + inputs.text(20), (cell) -> {
			assertThat(CsvCells.neutralise(cell)).isEqualTo("'" + cell);
		});
	}

	@Test
	void rowsRoundTripThroughParser() {
		PropertyCheck.forAll(TRIES / 4, CsvCellsPropertiesTests::rows, (rows) -> {
			for (CsvDelimiter delimiter : CsvDelimiter.values()) {
				List<CSVRecord> records = parse(write(rows, delimiter), delimiter);

				assertThat(records).as("records").hasSize(rows.size());
				for (int i = 0; i < rows.size(); i++) {
					assertThat(records.get(i).values()).as("row %d", i).containsExactly(expected(rows.get(i)));
				}
			}
		});
	}

	/**
	 * Returns arbitrary cell text: control characters, quotes, both delimiters, line
	 * breaks, emoji, and often a formula character first.
	 */
	private static String cell(RandomInputs inputs) {
		String text = inputs.storableText(30);
		return inputs.nextBoolean() ? inputs.pick(FORMULA_STARTS) + text : text;
	}

	private static List<List<String>> rows(RandomInputs inputs) {
		List<List<String>> rows = new ArrayList<>();
		for (int i = 1 + inputs.nextInt(8); i > 0; i--) {
			List<String> row = new ArrayList<>();
			for (int column = 0; column < TicketCsvExport.HEADER.size(); column++) {
				row.add((inputs.nextInt(10) == 0) ? null : cell(inputs));
			}
			rows.add(row);
		}
		return rows;
	}

	// Written as TicketCsvExport writes, down to the UTF-8 bytes.
	private static String write(List<List<String>> rows, CsvDelimiter delimiter) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
		CSVPrinter printer = new CSVPrinter(writer, TicketCsvExport.format(delimiter));
		for (List<String> row : rows) {
			printer.printRecord(row.stream().map(CsvCells::neutralise).toList());
		}
		printer.flush();
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static List<CSVRecord> parse(String csv, CsvDelimiter delimiter) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter.character()).get();
		return format.parse(new StringReader(csv)).getRecords();
	}

	private static String[] expected(List<String> row) {
		return row.stream().map((cell) -> (cell != null) ? CsvCells.neutralise(cell) : "").toArray(String[]::new);
	}

}
