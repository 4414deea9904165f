package ch.petziwebhook.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TicketNumberReaderTests {

	private final TicketNumberReader reader = new TicketNumberReader();

	@Test
	void readsEverySampleLikeTreeRead() {
		PetziPayloadReader treeReader = new PetziPayloadReader();
		for (String sample : PetziSamples.ALL) {
			byte[] body = PetziSamples.body(sample);

			assertThat(this.reader.ticketNumber(body)).as(sample).isEqualTo(treeReader.ticketNumber(body));
			assertThat(this.reader.ticketNumber(body)).as(sample).isPresent();
		}
	}

	@Test
	void skipsValuesBeforeTheNumber() {
		String body = """
				{"first":[1,{"number":"A"}],"details":{"buyer":{"number":"B"},"other":{"ticket":{"number":"C"}},\
				"ticket":{"sessions":[{"number":"D"}],"price":{"number":"E"},"number":"T-1"}}}""";

		assertThat(read(body)).hasValue("T-1");
	}

	@Test
	void readsNumberWithEscapes() {
		assertThat(read("{\"details\":{\"ticket\":{\"number\":\"T\\u00e9\\\"1\"}}}")).hasValue("Té\"1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "[]", "\"text\"", "{}", "{\"details\":[]}", "{\"details\":{}}",
			"{\"details\":{\"ticket\":\"x\"}}", "{\"details\":{\"ticket\":{}}}",
			"{\"details\":{\"ticket\":{\"number\":42}}}", "{\"details\":{\"ticket\":{\"number\":null}}}",
			"{\"details\":{\"ticket\":{\"number\":\"  \"}}}", "{\"details\":{\"ticket\":{\"number\":{\"a\":1}}}}",
			"{\"ticket\":{\"number\":\"top-level\"}}", "{\"details\":{\"ticket\":{\"num", "{\"details\":{,}}" })
	void returnsEmptyWithoutNumber(String body) {
		assertThat(read(body)).isEmpty();
	}

	private Optional<String> read(String body) {
		return this.reader.ticketNumber(body.getBytes(StandardCharsets.UTF_8));
	}

}
