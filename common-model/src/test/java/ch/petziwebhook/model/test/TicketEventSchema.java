package ch.petziwebhook.model.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ch.petziwebhook.model.TicketEvent;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The JSON Schema of the ticket event document, loaded from the model's class path, for
 * tests that check published documents against it. Users of the test jar need
 * {@code com.networknt:json-schema-validator} 3.x on their test class path.
 */
public final class TicketEventSchema {

	private static final Schema SCHEMA = load();

	private TicketEventSchema() {
	}

	/**
	 * Validates a document against the schema.
	 * @param json the UTF-8 JSON document
	 * @return one message per violation, empty when the document is valid
	 */
	public static List<String> violations(byte[] json) {
		List<Error> errors = SCHEMA.validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON);
		return errors.stream().map(Error::toString).toList();
	}

	private static Schema load() {
		try (InputStream in = TicketEvent.class.getResourceAsStream(TicketEvent.SCHEMA_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("No schema at " + TicketEvent.SCHEMA_RESOURCE + " on the class path");
			}
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read " + TicketEvent.SCHEMA_RESOURCE, ex);
		}
	}

}
