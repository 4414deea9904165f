package ch.petziwebhook.projector.redrive;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Arguments and failures of the {@code redrive} command.
 */
class RedriveSelectionTests {

	@Test
	void allSelectsEveryRecord() {
		RedriveSelection selection = RedriveSelection.parse(List.of("--all"));

		assertThat(selection.includes(3, 42)).isTrue();
	}

	@Test
	void offsetSelectsListedRecords() {
		RedriveSelection selection = RedriveSelection.parse(List.of("--offset", "0@12,1@3"));

		assertThat(selection.includes(0, 12)).isTrue();
		assertThat(selection.includes(1, 3)).isTrue();
		assertThat(selection.includes(0, 13)).isFalse();
	}

	@Test
	void missingPositionsAreListed() {
		RedriveSelection selection = RedriveSelection.parse(List.of("--offset", "0@12,1@3"));

		assertThat(selection.missingFrom(List.of("0@12"))).containsExactly("1@3");
	}

	@Test
	void rejectsMalformedPosition() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedriveSelection.parse(List.of("--offset", "12")))
			.withMessageContaining("PARTITION@OFFSET");
	}

	@Test
	void rejectsMissingSelection() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedriveSelection.parse(List.of()))
			.withMessageContaining("--all");
	}

	@Test
	void commandRejectsUnknownArgument() {
		assertThat(DeadLetterRedrive.run(new String[] { "--everything" })).isEqualTo(2);
	}

	@Test
	void unreachableBrokerFailsInOneLine() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int status = DeadLetterRedrive.run(new String[] { "--bootstrap-server", "127.0.0.1:1", "--all" },
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofMillis(500));

		assertThat(status).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Kafka at 127.0.0.1:1 failed: ")
			.endsWith("; check --bootstrap-server or SPRING_KAFKA_BOOTSTRAP_SERVERS" + System.lineSeparator())
			.doesNotContain("\tat ");
	}

}
