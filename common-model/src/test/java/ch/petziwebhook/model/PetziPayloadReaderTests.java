package ch.petziwebhook.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;

import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PetziPayloadReaderTests {

	private final PetziPayloadReader reader = new PetziPayloadReader();

	@Test
	void readsEverySample() {
		for (String sample : PetziSamples.ALL) {
			PetziWebhook webhook = this.reader.readTicketChange(PetziSamples.body(sample));

			assertThat(webhook.isTicketChange()).as(sample).isTrue();
			assertThat(webhook.ticket().number()).as(sample).startsWith("TEST");
		}
	}

	@Test
	void readsFestivalSessions() {
		PetziWebhook webhook = this.reader.read(PetziSamples.body(PetziSamples.FESTIVAL));

		assertThat(webhook.ticket().number()).isEqualTo("TEST5502FESTPA");
		assertThat(webhook.ticket().sessions()).hasSize(3);
		assertThat(webhook.ticket().sessions().get(0).date()).isInstanceOf(LocalDate.class);
		assertThat(webhook.ticket().price().amount()).isEqualByComparingTo("89.00");
	}

	@Test
	void keepsPriceDecimals() {
		PetziWebhook webhook = this.reader.read(PetziSamples.body(PetziSamples.PRICE_DECIMALS));

		assertThat(webhook.ticket().price().amount()).isEqualTo(new BigDecimal("52.50"));
	}

	@Test
	void allowsNulls() {
		PetziWebhook webhook = this.reader.read(PetziSamples.body(PetziSamples.MINIMAL_NULLS));

		assertThat(webhook.ticket().type()).isNull();
		assertThat(webhook.ticket().isCancelled()).isFalse();
		assertThat(webhook.buyer().firstName()).isNull();
		assertThat(webhook.buyer().email()).isNull();
		assertThat(webhook.ticket().sessions().get(0).time()).isNull();
	}

	@Test
	void readsCancellation() {
		PetziWebhook webhook = this.reader.read(PetziSamples.body(PetziSamples.CANCELLATION));

		assertThat(webhook.event()).isEqualTo(PetziWebhook.TICKET_UPDATED);
		assertThat(webhook.ticket().isCancelled()).isTrue();
	}

	@Test
	void decodesEscapesOfSimulator() {
		PetziWebhook webhook = this.reader.read(PetziSamples.body(PetziSamples.SIMULATOR_BYTES));

		assertThat(webhook.ticket().sessions().get(0).time()).isInstanceOf(LocalTime.class);
		assertThat(new String(PetziSamples.body(PetziSamples.SIMULATOR_BYTES), StandardCharsets.UTF_8))
			.contains("\\u00e9");
	}

	@Test
	void rejectsNonJson() {
		byte[] body = "not json".getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> this.reader.read(body));
	}

	@Test
	void rejectsWrongTypes() {
		byte[] body = "{\"event\":\"ticket_created\",\"details\":{\"ticket\":{\"number\":\"X\",\"sessions\":5}}}"
			.getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> this.reader.read(body));
	}

	@Test
	void rejectsMissingTicketNumber() {
		byte[] body = "{\"event\":\"ticket_created\",\"details\":{\"ticket\":{}}}".getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> this.reader.readTicketChange(body))
			.withMessageContaining("details.ticket.number");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			"number": "TEST8841KQ2ZAB" | "number": "TEST8841KQ2ZAB\\ud83d" | details.ticket.number
			"lastName": "Exemple"      | "lastName": "\\ud800"             | details.buyer.lastName
			"city": "Neuchâtel"        | "city": "\\udc00Neuchâtel"        | details.ticket.sessions.0.location.city
			""")
	void rejectsUnpairedSurrogate(String original, String changed, String field) {
		byte[] body = replaced(PetziSamples.SINGLE_SESSION, original, changed);

		assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> this.reader.read(body))
			.withMessageEndingWith(field + " contains an unpaired surrogate, which UTF-8 cannot encode");
	}

	@Test
	void readsEscapedSurrogatePair() {
		byte[] body = replaced(PetziSamples.SINGLE_SESSION, "\"lastName\": \"Exemple\"",
				"\"lastName\": \"Exemple \\ud83c\\udf89\"");

		assertThat(this.reader.read(body).buyer().lastName()).isEqualTo("Exemple \uD83C\uDF89");
	}

	@Test
	void extractsTicketNumberLeniently() {
		assertThat(this.reader.ticketNumber(PetziSamples.body(PetziSamples.FESTIVAL))).contains("TEST5502FESTPA");
		assertThat(this.reader.ticketNumber("[1,2]".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(this.reader.ticketNumber("{".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(this.reader.ticketNumber(new byte[0])).isEmpty();
	}

	@Test
	void keepsBuyerOutOfToString() {
		PetziWebhook webhook = this.reader.read(PetziSamples.body(PetziSamples.SINGLE_SESSION));

		assertThat(webhook.toString()).doesNotContain(webhook.buyer().firstName());
		assertThat(webhook.toString()).contains("Buyer[role=customer]");
	}

	private static byte[] replaced(String sample, String original, String changed) {
		String text = new String(PetziSamples.body(sample), StandardCharsets.UTF_8);
		assertThat(text).contains(original);
		return text.replace(original, changed).getBytes(StandardCharsets.UTF_8);
	}

}
