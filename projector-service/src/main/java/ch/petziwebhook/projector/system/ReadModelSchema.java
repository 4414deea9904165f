package ch.petziwebhook.projector.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL schema the projection writes to: {@value #LIVE}, which the dashboard
 * reads, unless the {@code rebuild} command points the projection at its shadow schema
 * with {@code petzi.projector.read-model-schema}. The projection's SQL names its tables
 * {@code read_model.
 *
<table>
 * }, and {@link #sql(String)} rewrites that qualifier.
 */
@Component
public class ReadModelSchema {

	/** The schema the dashboard reads and the live projector writes. */
	public static final String LIVE = "read_model";

	// An unquoted PostgreSQL identifier in lower case, at most 63 bytes long.
	private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static final Pattern LIVE_QUALIFIER = Pattern.compile("\\b" + LIVE + "\\.");

	private final String name;

	public ReadModelSchema(@Value("${petzi.projector.read-model-schema:" + LIVE + "}") String name) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("petzi.projector.read-model-schema must be a lower-case PostgreSQL "
					+ "identifier of at most 63 characters, got '" + name + "'");
		}
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	/**
	 * Rewrites a statement written against {@value #LIVE} to this schema.
	 */
	public String sql(String sql) {
		if (this.name.equals(LIVE)) {
			return sql;
		}
		return LIVE_QUALIFIER.matcher(sql).replaceAll(Matcher.quoteReplacement(this.name + "."));
	}

}
