package ch.petziwebhook.projector.redrive;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Arguments of the {@code redrive} command.
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

}
