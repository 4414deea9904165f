package ch.petziwebhook.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogValuesTests {

	@Test
	void replacesControlCharacters() {
		assertThat(LogValues.ticketNumber("TEST\nforged line\u0000")).isEqualTo("TEST?forged line?");
	}

	@Test
	void cutsLongTicketNumbers() {
		assertThat(LogValues.ticketNumber("N".repeat(100))).isEqualTo("N".repeat(64) + "...");
	}

	@Test
	void keepsOrdinaryTicketNumbers() {
		assertThat(LogValues.ticketNumber("TEST8841KQ2ZAB")).isEqualTo("TEST8841KQ2ZAB");
	}

	@Test
	void namesMissingTicketNumber() {
		assertThat(LogValues.ticketNumber(null)).isEqualTo("(none)");
	}

}
