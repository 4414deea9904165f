package ch.petziwebhook.faults;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One scheduled fault: at {@code at} after the traffic started, the targets are killed
 * with SIGKILL together, and {@code downFor} later they are restarted.
 *
 * @param at when the kill happens, counted from the start of the traffic
 * @param targets the processes killed together, never empty
 * @param downFor how long the targets stay down before the restart begins
 */
record Fault(Duration at, Set<Target> targets, Duration downFor) {

	Fault {
		if (targets.isEmpty()) {
			throw new IllegalArgumentException("A fault needs at least one target");
		}
		targets = Set.copyOf(EnumSet.copyOf(targets));
	}

	/** Name of the fault in tables, for example {@code ingest+kafka}. */
	String label() {
		return EnumSet.copyOf(this.targets)
			.stream()
			.sorted((a, b) -> labelOrder(a) - labelOrder(b))
			.map(Target::label)
			.collect(Collectors.joining("+"));
	}

	/** Orders ingest first and PostgreSQL last, the reverse of the restart order. */
	private static int labelOrder(Target target) {
		return Target.values().length - target.ordinal();
	}

}
