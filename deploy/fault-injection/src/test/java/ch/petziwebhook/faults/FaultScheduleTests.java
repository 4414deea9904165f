package ch.petziwebhook.faults;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultScheduleTests {

	/**
	 * A closed kafka window from 100 to 200 and an ingest+kafka window still open since
	 * 300.
	 */
	private static final List<FaultScheduler.FaultWindow> WINDOWS = List.of(
			new FaultScheduler.FaultWindow("kafka", 100, 200),
			new FaultScheduler.FaultWindow("ingest+kafka", 300, Long.MAX_VALUE));

	@Test
	void parsesTrafficAndFaults() {
		FaultSchedule schedule = FaultSchedule.parse("2m", "20s:ingest:5s, 60s:kafka+ingest:8s");

		assertThat(schedule.traffic()).isEqualTo(Duration.ofMinutes(2));
		assertThat(schedule.faults()).containsExactly(
				new Fault(Duration.ofSeconds(20), Set.of(Target.INGEST), Duration.ofSeconds(5)),
				new Fault(Duration.ofSeconds(60), Set.of(Target.INGEST, Target.KAFKA), Duration.ofSeconds(8)));
	}

	@Test
	void labelsTwoTargetsIngestFirst() {
		FaultSchedule schedule = FaultSchedule.parse("2m", "60s:kafka+ingest:8s");

		assertThat(schedule.faults().get(0).label()).isEqualTo("ingest+kafka");
	}

	@Test
	void acceptsEmptyFaultList() {
		assertThat(FaultSchedule.parse("60s", "").faults()).isEmpty();
	}

	@Test
	void rejectsUnknownTarget() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSchedule.parse("60s", "10s:dashboard:5s"))
			.withMessageContaining("Unknown fault target 'dashboard'");
	}

	@Test
	void rejectsTargetNamedTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSchedule.parse("60s", "10s:kafka+kafka:5s"))
			.withMessageContaining("names kafka twice");
	}

	@Test
	void rejectsEntryWithoutDownTime() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSchedule.parse("60s", "10s:ingest"))
			.withMessageContaining("Invalid fault '10s:ingest'");
	}

	@Test
	void rejectsDurationWithoutUnit() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSchedule.parse("60", ""))
			.withMessageContaining("Invalid duration '60'");
	}

	@Test
	void rejectsOverlappingFaults() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSchedule.parse("60s", "10s:ingest:8s,15s:kafka:5s"))
			.withMessageContaining("starts before the previous fault's targets are restarted");
	}

	@Test
	void rejectsFaultAfterTraffic() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSchedule.parse("60s", "60s:ingest:5s"))
			.withMessageContaining("starts after the traffic ends");
	}

	@Test
	void shortScheduleLastsOneMinute() {
		assertThat(FaultSchedule.SHORT.traffic()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void fullScheduleKillsEveryTarget() {
		assertThat(FaultSchedule.FULL.faults().stream().flatMap((fault) -> fault.targets().stream()))
			.containsAll(Set.of(Target.values()));
	}

	@Test
	void fullScheduleKillsTwoTogether() {
		assertThat(FaultSchedule.FULL.faults()).anyMatch((fault) -> fault.targets().size() == 2);
	}

	@Test
	void optionsOverrideShortTraffic() {
		RunOptions options = RunOptions.parse("--short", "--traffic", "90s");

		assertThat(options.schedule().traffic()).isEqualTo(Duration.ofSeconds(90));
		assertThat(options.schedule().faults()).isEqualTo(FaultSchedule.SHORT.faults());
	}

	@Test
	void sendInsideWindowCountsThere() {
		assertThat(FaultScheduler.windowOf(WINDOWS, 120, 130)).isEqualTo("kafka");
	}

	@Test
	void sendInFlightAtKillCountsThere() {
		assertThat(FaultScheduler.windowOf(WINDOWS, 90, 110)).isEqualTo("kafka");
	}

	@Test
	void sendDoneBeforeKillCountsNoFault() {
		assertThat(FaultScheduler.windowOf(WINDOWS, 80, 99)).isEqualTo(FaultScheduler.NO_FAULT);
	}

	@Test
	void sendAfterRecoveryCountsNoFault() {
		assertThat(FaultScheduler.windowOf(WINDOWS, 201, 210)).isEqualTo(FaultScheduler.NO_FAULT);
	}

	@Test
	void sendDuringOpenWindowCountsThere() {
		assertThat(FaultScheduler.windowOf(WINDOWS, 400, 410)).isEqualTo("ingest+kafka");
	}

	@Test
	void optionsAllowIdCopies() {
		assertThat(RunOptions.parse("--allow-id-copies").allowIdCopies()).isTrue();
	}

	@Test
	void optionsStrictByDefault() {
		assertThat(RunOptions.parse().allowIdCopies()).isFalse();
	}

	@Test
	void optionsRejectUnknownOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunOptions.parse("--fast"))
			.withMessage("Unknown option --fast");
	}

	@Test
	void optionsRejectZeroRate() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunOptions.parse("--rate", "0"))
			.withMessageContaining("must be positive");
	}

}
