package ch.petziwebhook.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Process of the stack that a fault kills. The order of the constants is the order in
 * which killed processes are restarted: storage first, then the services that need it.
 */
enum Target {

	POSTGRES, KAFKA, PROJECTOR, INGEST;

	/** Name used in schedules and tables, for example {@code kafka}. */
	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Finds the target with the given schedule name.
	 * @param label the name, for example {@code ingest}
	 * @return the target
	 * @throws IllegalArgumentException if no target has that name
	 */
	static Target of(String label) {
		for (Target target : values()) {
			if (target.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
				return target;
			}
		}
		String known = Arrays.stream(values()).map(Target::label).collect(Collectors.joining(", "));
		throw new IllegalArgumentException("Unknown fault target '" + label + "'; choose from " + known);
	}

}
