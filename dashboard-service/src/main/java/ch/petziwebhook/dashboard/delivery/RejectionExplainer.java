package ch.petziwebhook.dashboard.delivery;

import java.util.Locale;

import ch.petziwebhook.dashboard.delivery.DeliveryEntry.Rejection;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * Explains a rejected request in words an admin can act on, from ingest's reason code and
 * the details it recorded, in the language of the page.
 */
@Component
class RejectionExplainer {

	private static final long MINUTE = 60;

	private static final long HOUR = 60 * MINUTE;

	private static final long DAY = 24 * HOUR;

	private final MessageSource messageSource;

	RejectionExplainer(MessageSource messageSource) {
		this.messageSource = messageSource;
	}

	/**
	 * Returns the entry with its explanation when it is a rejected request, else the
	 * entry unchanged.
	 */
	DeliveryEntry explain(DeliveryEntry entry, Locale locale) {
		if (entry.rejection() == null) {
			return entry;
		}
		return entry.withExplanation(this.messageSource.getMessage(explanation(entry.rejection()), locale));
	}

	static MessageSourceResolvable explanation(Rejection rejection) {
		String reason = rejection.reason();
		switch (reason) {
			case "timestamp_out_of_window":
				return skew(rejection.timestampSkewSeconds());
			case "signature_mismatch":
				return message("deliveries.reason.signature_mismatch", rejection.secretSlotsTried().size(),
						String.join(", ", rejection.secretSlotsTried()));
			case "payload_too_large":
				return message("deliveries.reason.payload_too_large", size(rejection.bodyLength()));
			case "missing_signature", "malformed_signature", "no_secret_configured", "unsupported_content_type":
				return message("deliveries.reason." + reason);
			default:
				return message("deliveries.reason.other", rejection.httpStatus(), rejection.detail());
		}
	}

	// Ingest records the receive time minus the signature's time: positive when Petzi
	// signed in the past, negative when its clock is ahead.
	private static MessageSourceResolvable skew(Long skewSeconds) {
		if (skewSeconds == null) {
			return message("deliveries.reason.timestamp_out_of_window");
		}
		String key = (skewSeconds >= 0) ? "deliveries.reason.timestamp_out_of_window.past"
				: "deliveries.reason.timestamp_out_of_window.future";
		return message(key, duration(Math.abs(skewSeconds)));
	}

	static MessageSourceResolvable duration(long seconds) {
		if (seconds < 2 * MINUTE) {
			return message("duration.seconds", seconds);
		}
		if (seconds < 2 * HOUR) {
			return message("duration.minutes", seconds / MINUTE);
		}
		if (seconds < 2 * DAY) {
			return message("duration.hours", seconds / HOUR);
		}
		return message("duration.days", seconds / DAY);
	}

	// Binary units, as ingest's limit is written (1MB in Spring's notation is 1 MiB).
	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
		}
		return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
	}

	private static MessageSourceResolvable message(String code, Object... arguments) {
		return new DefaultMessageSourceResolvable(new String[] { code }, arguments);
	}

}
