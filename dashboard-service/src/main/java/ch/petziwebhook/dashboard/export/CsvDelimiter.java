package ch.petziwebhook.dashboard.export;

import java.util.Locale;

/**
 * The column delimiters an export offers: a comma, as the Flask application wrote, or a
 * semicolon, which spreadsheet programs in Swiss locales expect.
 */
public enum CsvDelimiter {

	COMMA(','), SEMICOLON(';');

	private final char character;

	CsvDelimiter(char character) {
		this.character = character;
	}

	char character() {
		return this.character;
	}

	/**
	 * Parses {@code ,}, {@code ;}, {@code comma} or {@code semicolon}.
	 * @throws IllegalArgumentException for any other value
	 */
	public static CsvDelimiter parse(String value) {
		String normalized = (value != null) ? value.strip().toLowerCase(Locale.ROOT) : "";
		return switch (normalized) {
			case ",", "comma" -> COMMA;
			case ";", "semicolon" -> SEMICOLON;
			default -> throw new IllegalArgumentException(
					"Invalid parameter 'delimiter': must be ',' (comma) or ';' (semicolon)");
		};
	}

}
