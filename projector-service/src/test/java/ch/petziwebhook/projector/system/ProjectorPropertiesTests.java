package ch.petziwebhook.projector.system;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Start-up checks of the projector's settings.
 */
class ProjectorPropertiesTests {

	@Test
	void rejectsZeroInitialInterval() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProjectorProperties.Retry(Duration.ZERO, 2, Duration.ofSeconds(1)))
			.withMessageContaining("initial-interval");
	}

	@Test
	void rejectsShrinkingMultiplier() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProjectorProperties.Retry(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(10)))
			.withMessageContaining("multiplier");
	}

	@Test
	void rejectsMaxIntervalBelowInitial() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProjectorProperties.Retry(Duration.ofSeconds(10), 2, Duration.ofSeconds(1)))
			.withMessageContaining("max-interval");
	}

	@Test
	void rejectsZeroDeadLetterPartitions() {
		ProjectorProperties.Retry retry = new ProjectorProperties.Retry(Duration.ofSeconds(1), 2,
				Duration.ofMinutes(1));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProjectorProperties(retry, 0, 1, Duration.ofSeconds(30)))
			.withMessageContaining("dead-letter-partitions");
	}

}
