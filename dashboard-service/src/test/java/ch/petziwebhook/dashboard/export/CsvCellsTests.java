package ch.petziwebhook.dashboard.export;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link CsvCells}.
 */
class CsvCellsTests {

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "+41 79", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")" })
	void dangerousStartIsNeutralised(String cell) {
		assertThat(CsvCells.neutralise(cell)).isEqualTo("'" + cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Zoë", "52.50", "a=b", "2025-03-01", " =x", "" })
	void harmlessCellIsKept(String cell) {
		assertThat(CsvCells.neutralise(cell)).isEqualTo(cell);
	}

}
