package ch.petziwebhook.model;

import java.util.regex.Pattern;

/**
 * Formatting of values from webhook bodies for log lines. A signed body may carry any
 * text, so control characters are replaced, which keeps one value from forging log lines,
 * and long values are cut.
 */
public final class LogValues {

	/** Maximum length of a ticket number in a log line; longer ones are cut. */
	public static final int MAX_TICKET_NUMBER_LENGTH = 64;

	/**
	 * Compiled once, because ingest formats a ticket number for every accepted delivery.
	 */
	private static final Pattern CONTROL_CHARACTER = Pattern.compile("\\p{Cntrl}");

	private LogValues() {
	}

	/**
	 * Formats a ticket number for a log line.
	 * @param ticketNumber the ticket number, or {@code null}
	 * @return the number with control characters replaced by {@code ?} and cut after
	 * {@value #MAX_TICKET_NUMBER_LENGTH} characters, or {@code (none)} for {@code null}
	 */
	public static String ticketNumber(String ticketNumber) {
		if (ticketNumber == null) {
			return "(none)";
		}
		String cleaned = CONTROL_CHARACTER.matcher(ticketNumber).replaceAll("?");
		return (cleaned.length() > MAX_TICKET_NUMBER_LENGTH) ? cleaned.substring(0, MAX_TICKET_NUMBER_LENGTH) + "..."
				: cleaned;
	}

}
