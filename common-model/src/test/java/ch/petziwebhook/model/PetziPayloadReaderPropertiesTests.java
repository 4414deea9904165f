package ch.petziwebhook.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.model.test.PayloadMutator;
import ch.petziwebhook.model.test.PayloadMutator.Mutation;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.PropertyCheck;
import ch.petziwebhook.model.test.RandomInputs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property tests of {@link PetziPayloadReader} on arbitrary bytes, arbitrary JSON and
 * altered sample payloads: it returns a webhook or throws
 * {@link InvalidPayloadException}, and nothing else.
 */
class PetziPayloadReaderPropertiesTests {

	private static final int TRIES = 1000;

	// One value of every JSON type, including the ones no Java number type holds.
	private static final List<String> EVERY_JSON_TYPE = List.of("null", "true", "false", "0", "-1", "1.5",
			"9223372036854775808", "1180591620717411303424", "1e400", "-1e400", "1E+999999999", "1e-999999999", "\"\"",
			"\" \"", "\"text\"", "\"1e999999999\"", "\"2025-13-45\"", "\"25:61:61\"", "\"\\u0000\"", "\"\\ud800\"",
			"\"\uD83C\uDF89 Zoë\"", "[]", "[1,\"a\",null,{}]", "{}", "{\"number\":\"X\",\"amount\":1}");

	private final PetziPayloadReader reader = new PetziPayloadReader();

	@Test
	void arbitraryBytesGiveWebhookOrInvalidPayload() {
		PropertyCheck.forAll(TRIES, (inputs) -> inputs.bytes(400), this::assertReadOrRejected);
	}

	@Test
	void arbitraryJsonGivesWebhookOrInvalidPayload() {
		PropertyCheck.forAll(TRIES, (inputs) -> utf8(inputs.jsonValue(6)), this::assertReadOrRejected);
	}

	@Test
	void alteredSamplesGiveWebhookOrInvalidPayload() {
		PropertyCheck.forAll(TRIES, PetziPayloadReaderPropertiesTests::alteredSample, this::assertReadOrRejected);
	}

	@Test
	void everyFieldWithEveryJsonType() {
		for (String sample : List.of(PetziSamples.FESTIVAL, PetziSamples.MINIMAL_NULLS)) {
			PayloadMutator mutator = new PayloadMutator(PetziSamples.body(sample));
			for (String pointer : mutator.pointers()) {
				assertEveryChangeReadOrRejected(mutator, pointer);
			}
		}
	}

	@Test
	void deepNestingIsInvalidPayload() {
		PayloadMutator mutator = new PayloadMutator(PetziSamples.body(PetziSamples.SINGLE_SESSION));
		String deep = "[".repeat(RandomInputs.DEEP_NESTING) + "]".repeat(RandomInputs.DEEP_NESTING);
		byte[] body = utf8(mutator.write(Map.of("/details/ticket/title", Mutation.replacedBy(deep))));

		assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> this.reader.read(body));
	}

	@Test
	void hugeAmountExponentIsInvalidPayload() {
		PropertyCheck.forAll(TRIES, PetziPayloadReaderPropertiesTests::amountWithHugeExponent, (body) -> {
			assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> this.reader.read(body))
				.withMessageContaining("price.amount");
		});
	}

	@Test
	void readAmountsHaveBoundedPlainForm() {
		PropertyCheck.forAll(TRIES, PetziPayloadReaderPropertiesTests::alteredSample, (body) -> {
			BigDecimal amount = amountOf(body);

			assertThat(amount.precision() - amount.scale()).isLessThanOrEqualTo(PetziPayloadReader.MAX_AMOUNT_DIGITS);
			assertThat(amount.scale()).isLessThanOrEqualTo(PetziPayloadReader.MAX_AMOUNT_DIGITS);
		});
	}

	private void assertEveryChangeReadOrRejected(PayloadMutator mutator, String pointer) {
		for (String value : EVERY_JSON_TYPE) {
			assertReadOrRejected(utf8(mutator.write(Map.of(pointer, Mutation.replacedBy(value)))), pointer, value);
			assertReadOrRejected(utf8(mutator.write(Map.of(pointer, Mutation.repeatedAs(value)))), pointer, value);
		}
		assertReadOrRejected(utf8(mutator.write(Map.of(pointer, Mutation.removed()))), pointer, "removed");
	}

	private void assertReadOrRejected(byte[] body, String pointer, String change) {
		try {
			assertReadOrRejected(body);
		}
		catch (AssertionError ex) {
			throw new AssertionError("Failed with " + pointer + " changed to " + change, ex);
		}
	}

	/**
	 * Asserts that every method of the reader returns normally or throws
	 * {@link InvalidPayloadException} with a message.
	 */
	private void assertReadOrRejected(byte[] body) {
		try {
			PetziWebhook webhook = this.reader.read(body);

			assertThat(webhook).isNotNull();
		}
		catch (InvalidPayloadException ex) {
			assertThat(ex.getMessage()).isNotBlank();
		}
		try {
			PetziWebhook change = this.reader.readTicketChange(body);

			assertThat(change.ticket().number()).isNotBlank();
		}
		catch (InvalidPayloadException ex) {
			assertThat(ex.getMessage()).isNotBlank();
		}
		assertThat(this.reader.ticketNumber(body)).isNotNull();
		assertThat(this.reader.eventName(body)).isNotNull();
	}

	/**
	 * Returns a sample with one to four members or elements replaced by arbitrary JSON,
	 * removed or repeated.
	 */
	private static byte[] alteredSample(RandomInputs inputs) {
		PayloadMutator mutator = new PayloadMutator(PetziSamples.body(inputs.pick(PetziSamples.ALL)));
		Map<String, Mutation> mutations = new HashMap<>();
		for (int i = inputs.nextInt(4); i >= 0; i--) {
			String value = inputs.nextBoolean() ? inputs.pick(EVERY_JSON_TYPE) : inputs.jsonValue(3);
			Mutation mutation = switch (inputs.nextInt(4)) {
				case 0 -> Mutation.removed();
				case 1 -> Mutation.repeatedAs(value);
				default -> Mutation.replacedBy(value);
			};
			mutations.put(pointerOfInterest(inputs, mutator), mutation);
		}
		return utf8(mutator.write(mutations));
	}

	// Half of the changes hit the price, where the numbers beyond Java's types matter.
	private static String pointerOfInterest(RandomInputs inputs, PayloadMutator mutator) {
		List<String> pointers = mutator.pointers();
		List<String> price = pointers.stream().filter((pointer) -> pointer.contains("/price")).toList();
		return (inputs.nextBoolean() && !price.isEmpty()) ? inputs.pick(price) : inputs.pick(pointers);
	}

	private static byte[] amountWithHugeExponent(RandomInputs inputs) {
		int exponent = PetziPayloadReader.MAX_AMOUNT_DIGITS + 1 + inputs.nextInt(Integer.MAX_VALUE - 2000);
		String amount = "1" + (inputs.nextBoolean() ? "e" : "E-") + exponent;
		String json = inputs.nextBoolean() ? amount : "\"" + amount + "\"";
		PayloadMutator mutator = new PayloadMutator(PetziSamples.body(PetziSamples.SINGLE_SESSION));
		return utf8(mutator.write(Map.of("/details/ticket/price/amount", Mutation.replacedBy(json))));
	}

	private BigDecimal amountOf(byte[] body) {
		try {
			PetziWebhook webhook = this.reader.read(body);
			Ticket ticket = webhook.ticket();
			boolean hasAmount = ticket != null && ticket.price() != null && ticket.price().amount() != null;
			return hasAmount ? ticket.price().amount() : BigDecimal.ZERO;
		}
		catch (InvalidPayloadException ex) {
			return BigDecimal.ZERO;
		}
		catch (RuntimeException ex) {
			return fail("Reader threw " + ex, ex);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
