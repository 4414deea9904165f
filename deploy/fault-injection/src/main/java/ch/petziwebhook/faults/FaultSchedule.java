package ch.petziwebhook.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the webhook traffic lasts and which faults happen meanwhile. The text form is
 * a comma-separated list of {@code <at>:<target>[+<target>...]:<down for>} entries, for
 * example {@code 20s:ingest:5s,60s:ingest+kafka:8s}, with durations in whole seconds
 * ({@code 20s}) or minutes ({@code 2m}).
 *
 * @param traffic how long the sender sends
 * @param faults the faults, ordered by time
 */
record FaultSchedule(Duration traffic, List<Fault> faults) {

	// Declared before the schedules, which parse their text while the class initializes.
	private static final Pattern DURATION = Pattern.compile("(\\d+)([sm])");

	/** Schedule of a full run: every process once, then ingest and Kafka together. */
	static final FaultSchedule FULL = parse("270s",
			"20s:ingest:5s,65s:projector:5s,110s:kafka:8s,160s:postgres:8s,215s:ingest+kafka:8s");

	/**
	 * Schedule of {@code --short}: about a minute of traffic, ingest and Kafka once each.
	 */
	static final FaultSchedule SHORT = parse("60s", "10s:ingest:4s,32s:kafka:5s");

	FaultSchedule {
		faults = List.copyOf(faults);
		Duration previousEnd = Duration.ZERO;
		for (Fault fault : faults) {
			if (fault.at().compareTo(previousEnd) < 0) {
				throw new IllegalArgumentException("Fault " + fault.label() + " at " + fault.at().toSeconds()
						+ "s starts before the previous fault's targets are restarted; order the faults by time");
			}
			if (fault.at().compareTo(traffic) >= 0) {
				throw new IllegalArgumentException("Fault " + fault.label() + " at " + fault.at().toSeconds()
						+ "s starts after the traffic ends at " + traffic.toSeconds() + "s");
			}
			previousEnd = fault.at().plus(fault.downFor());
		}
	}

	/**
	 * Parses a schedule.
	 * @param traffic the traffic's length, for example {@code 60s}
	 * @param faults the faults in text form, empty for none
	 * @return the schedule
	 * @throws IllegalArgumentException if a duration, target or entry is invalid
	 */
	static FaultSchedule parse(String traffic, String faults) {
		List<Fault> parsed = new ArrayList<>();
		for (String entry : faults.split(",")) {
			if (!entry.isBlank()) {
				parsed.add(parseFault(entry.strip()));
			}
		}
		return new FaultSchedule(parseDuration(traffic), parsed);
	}

	private static Fault parseFault(String entry) {
		String[] parts = entry.split(":");
		if (parts.length != 3) {
			throw new IllegalArgumentException("Invalid fault '" + entry
					+ "'; expected <at>:<target>[+<target>...]:<down for>, e.g. 20s:ingest:5s");
		}
		Set<Target> targets = EnumSet.noneOf(Target.class);
		for (String name : parts[1].split("\\+")) {
			if (!targets.add(Target.of(name))) {
				throw new IllegalArgumentException("Fault '" + entry + "' names " + name + " twice");
			}
		}
		return new Fault(parseDuration(parts[0]), targets, parseDuration(parts[2]));
	}

	/**
	 * Parses whole seconds ({@code 20s}) or minutes ({@code 2m}).
	 * @param text the duration
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not of that form
	 */
	static Duration parseDuration(String text) {
		Matcher matcher = DURATION.matcher(text.strip());
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"Invalid duration '" + text + "'; expected whole seconds or minutes such as 20s or 2m");
		}
		long amount = Long.parseLong(matcher.group(1));
		return matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
	}

}
