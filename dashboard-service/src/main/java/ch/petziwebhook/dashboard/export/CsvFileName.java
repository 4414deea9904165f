package ch.petziwebhook.dashboard.export;

import java.text.Normalizer;
import java.util.Locale;

import ch.petziwebhook.dashboard.event.EventRef;

/**
 * The file name of an event's export: the event name in ASCII letters, digits and
 * hyphens, then the date of its first session, for example
 * {@code gurten-festival-2025_2025-07-18.csv}.
 */
final class CsvFileName {

	private static final int MAX_NAME_LENGTH = 80;

	private CsvFileName() {
	}

	static String of(EventRef event) {
		String slug = slug(event.name());
		if (slug.isEmpty()) {
			slug = "event-" + event.id();
		}
		return (event.firstDate() != null) ? slug + "_" + event.firstDate() + ".csv" : slug + ".csv";
	}

	private static String slug(String name) {
		if (name == null) {
			return "";
		}
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return (slug.length() > MAX_NAME_LENGTH) ? slug.substring(0, MAX_NAME_LENGTH).replaceAll("-+$", "") : slug;
	}

}
