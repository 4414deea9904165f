package ch.petziwebhook.faults;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Petzi webhook bodies of the fault run. Each version of a ticket has its own title and
 * price, so the read model shows which version it holds, and each body carries a
 * top-level {@value #KEY_FIELD}, which ingest and the projector ignore like any unknown
 * key, so the reconciliation finds every raw record's send.
 */
final class WebhookBodies {

	/** Top-level field naming the ticket and version of a body. */
	static final String KEY_FIELD = "faultRunKey";

	/** Cancellation reason of the last version of cancelled tickets. */
	static final String CANCELLATION_REASON = "event_cancellation";

	private static final Pattern KEY = Pattern.compile("\"" + KEY_FIELD + "\"\\s*:\\s*\"([^\"]+)\"");

	private WebhookBodies() {
	}

	/**
	 * Returns the body key of one version of a ticket.
	 */
	static String key(String ticket, int version) {
		return ticket + "/v" + version;
	}

	/**
	 * Writes the body of one version of a ticket: version 0 is {@code ticket_created},
	 * every later one {@code ticket_updated}.
	 * @param ticket the ticket number
	 * @param version the version, from 0
	 * @param cancelled whether this version cancels the ticket
	 * @return the UTF-8 JSON body
	 */
	static byte[] body(String ticket, int version, boolean cancelled) {
		String json = """
				{"%s":"%s","event":"%s","details":{"ticket":{"number":"%s","type":"online_presale",\
				"title":"%s","category":"Presale","eventId":90001,"event":"Fault run","cancellationReason":"%s",\
				"generatedAt":"2026-01-15T18:00:00+00:00","sessions":[{"name":"Fault run","date":"2026-06-20",\
				"time":"21:00:00","doors":"20:00:00","location":{"name":"Test hall","street":"Test street 1",\
				"city":"Neuchatel","postcode":"2000"}}],"promoter":"Fault run",\
				"price":{"amount":"%s","currency":"CHF"}},\
				"buyer":{"role":"customer","firstName":"Test","lastName":"Buyer","postcode":"2000"}}}""".formatted(
				KEY_FIELD, key(ticket, version), (version == 0) ? "ticket_created" : "ticket_updated", ticket,
				title(ticket, version), cancelled ? CANCELLATION_REASON : "", price(version).toPlainString());
		return json.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns the state that one version of a ticket carries, in the form of
	 * {@link #state(String, BigDecimal, String)}.
	 */
	static String state(String ticket, int version, boolean cancelled) {
		return state(title(ticket, version), price(version), cancelled ? CANCELLATION_REASON : "");
	}

	/**
	 * Joins what the reconciliation compares of a ticket: title, price and cancellation
	 * reason, where {@code null} and an empty reason are the same.
	 */
	static String state(String title, BigDecimal price, String cancellationReason) {
		String amount = (price != null) ? price.setScale(2).toPlainString() : "null";
		String reason = (cancellationReason != null) ? cancellationReason : "";
		return title + " | " + amount + " | " + reason;
	}

	/**
	 * Reads the {@value #KEY_FIELD} of a raw body.
	 * @return the key, or {@code null} when the body has none
	 */
	static String keyOf(byte[] body) {
		Matcher matcher = KEY.matcher(new String(body, StandardCharsets.UTF_8));
		return matcher.find() ? matcher.group(1) : null;
	}

	private static String title(String ticket, int version) {
		return "Fault run " + ticket + " version " + version;
	}

	private static BigDecimal price(int version) {
		return BigDecimal.valueOf(10 + version).setScale(2);
	}

}
