package ch.petziwebhook.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TicketEventSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The ticket event document of every sample against its JSON Schema, and the document's
 * exact shape.
 */
class TicketEventSchemaTests {

	private static final UUID DELIVERY_ID = UUID.fromString("0b9a4c8e-51a3-4c52-9c38-5b3c0a7e2f10");

	private static final Instant RECEIVED_AT = Instant.parse("2025-01-01T12:00:02.500Z");

	private final PetziPayloadReader reader = new PetziPayloadReader();

	@ParameterizedTest
	@FieldSource("ch.petziwebhook.model.test.PetziSamples#ALL")
	void createdDocumentMatchesSchema(String sample) {
		byte[] json = TicketEvent.Json.write(event(sample, true));

		assertThat(TicketEventSchema.violations(json)).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("ch.petziwebhook.model.test.PetziSamples#ALL")
	void updatedDocumentMatchesSchema(String sample) {
		byte[] json = TicketEvent.Json.write(event(sample, false));

		assertThat(TicketEventSchema.violations(json)).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("ch.petziwebhook.model.test.PetziSamples#ALL")
	void documentReadsBackEqual(String sample) {
		TicketEvent event = event(sample, false);

		assertThat(TicketEvent.Json.read(TicketEvent.Json.write(event))).isEqualTo(event);
	}

	@Test
	void cancellationIsCancelledChange() {
		String json = text(event(PetziSamples.CANCELLATION, false));

		assertThat(json).contains("\"changeType\":\"cancelled\"");
	}

	@Test
	void firstProjectionIsCreatedChange() {
		String json = text(event(PetziSamples.SINGLE_SESSION, true));

		assertThat(json).contains("\"changeType\":\"created\"");
	}

	@Test
	void laterProjectionIsUpdatedChange() {
		String json = text(event(PetziSamples.BUYER_CORRECTED, false));

		assertThat(json).contains("\"changeType\":\"updated\"");
	}

	@Test
	void documentStartsWithTypeAndVersion() {
		String json = text(event(PetziSamples.SINGLE_SESSION, true));

		assertThat(json).startsWith("{\"changeType\":\"created\",\"schemaVersion\":1,\"deliveryId\":\"" + DELIVERY_ID
				+ "\",\"changedAt\":\"2025-01-01T12:00:02.500Z\",\"ticket\":{\"number\":\"TEST8841KQ2ZAB\"");
	}

	@Test
	void priceIsDecimalString() {
		String json = text(event(PetziSamples.PRICE_DECIMALS, true));

		assertThat(json).contains("\"price\":{\"amount\":\"52.50\",\"currency\":\"CHF\"}");
	}

	@Test
	void sameEventGivesSameBytes() {
		byte[] first = TicketEvent.Json.write(event(PetziSamples.FESTIVAL, true));

		byte[] second = TicketEvent.Json.write(event(PetziSamples.FESTIVAL, true));

		assertThat(second).isEqualTo(first);
	}

	@Test
	void schemaRejectsOtherVersion() {
		String json = text(event(PetziSamples.SINGLE_SESSION, true)).replace("\"schemaVersion\":1",
				"\"schemaVersion\":2");

		assertThat(TicketEventSchema.violations(json.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
	}

	@Test
	void schemaRejectsMissingTicket() {
		String json = "{\"changeType\":\"created\",\"schemaVersion\":1,\"deliveryId\":\"" + DELIVERY_ID
				+ "\",\"changedAt\":\"2025-01-01T12:00:02.500Z\",\"buyer\":null}";

		assertThat(TicketEventSchema.violations(json.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
	}

	@Test
	void schemaRejectsNumericPrice() {
		String json = text(event(PetziSamples.PRICE_DECIMALS, true)).replace("\"amount\":\"52.50\"", "\"amount\":52.5");

		assertThat(TicketEventSchema.violations(json.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
	}

	@Test
	void schemaRejectsCancelledWithoutReason() {
		String json = text(event(PetziSamples.SINGLE_SESSION, true)).replace("\"changeType\":\"created\"",
				"\"changeType\":\"cancelled\"");

		assertThat(TicketEventSchema.violations(json.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
	}

	@Test
	void readRejectsOtherDocument() {
		byte[] json = "{\"changeType\":\"scanned\"}".getBytes(StandardCharsets.UTF_8);

		assertThatIllegalArgumentException().isThrownBy(() -> TicketEvent.Json.read(json));
	}

	private TicketEvent event(String sample, boolean created) {
		PetziWebhook webhook = this.reader.readTicketChange(PetziSamples.body(sample));
		return TicketEvent.of(created, DELIVERY_ID, RECEIVED_AT, webhook.ticket(), webhook.buyer());
	}

	private static String text(TicketEvent event) {
		return new String(TicketEvent.Json.write(event), StandardCharsets.UTF_8);
	}

}
