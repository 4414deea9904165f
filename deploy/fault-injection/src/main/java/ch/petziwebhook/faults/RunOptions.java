package ch.petziwebhook.faults;

import java.nio.file.Path;

/**
 * Command-line options of a fault run.
 *
 * @param schedule the traffic length and faults
 * @param rate the average number of webhooks per second
 * @param seed the seed of the planned sends
 * @param state the folder for data and logs, or {@code null} for a new one under
 * {@code target}
 * @param markdown the file to write the table to, or {@code null}
 * @param repository the repository root
 * @param allowIdCopies whether extra raw records under an accepted delivery id still let
 * the run pass
 * @param help whether only the usage was requested
 */
record RunOptions(FaultSchedule schedule, int rate, long seed, Path state, Path markdown, Path repository,
		boolean allowIdCopies, boolean help) {

	/**
	 * Parses the command line.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException if an option is unknown, lacks its value or has an
	 * invalid one
	 */
	static RunOptions parse(String... args) {
		boolean shortRun = false;
		String traffic = null;
		String faults = null;
		int rate = 60;
		long seed = 1;
		Path state = null;
		Path markdown = null;
		Path repository = Path.of("");
		boolean allowIdCopies = false;
		boolean help = false;

		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--short" -> shortRun = true;
				case "--rate" -> rate = positive("--rate", value(args, ++i));
				case "--traffic" -> traffic = value(args, ++i);
				case "--schedule" -> faults = value(args, ++i);
				case "--seed" -> seed = Long.parseLong(value(args, ++i));
				case "--state" -> state = Path.of(value(args, ++i)).toAbsolutePath();
				case "--markdown" -> markdown = Path.of(value(args, ++i)).toAbsolutePath();
				case "--repository" -> repository = Path.of(value(args, ++i));
				case "--allow-id-copies" -> allowIdCopies = true;
				case "--help", "-h" -> help = true;
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}

		FaultSchedule preset = shortRun ? FaultSchedule.SHORT : FaultSchedule.FULL;
		FaultSchedule schedule = preset;
		if (traffic != null || faults != null) {
			schedule = FaultSchedule.parse((traffic != null) ? traffic : preset.traffic().toSeconds() + "s",
					(faults != null) ? faults : scheduleText(preset));
		}
		return new RunOptions(schedule, rate, seed, state, markdown, repository.toAbsolutePath(), allowIdCopies, help);
	}

	private static String scheduleText(FaultSchedule schedule) {
		return String.join(",", schedule.faults()
			.stream()
			.map((fault) -> fault.at().toSeconds() + "s:" + fault.label() + ":" + fault.downFor().toSeconds() + "s")
			.toList());
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException("Option " + args[index - 1] + " needs a value");
		}
		return args[index];
	}

	private static int positive(String option, String value) {
		int number;
		try {
			number = Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Option " + option + " needs a whole number, not '" + value + "'");
		}
		if (number <= 0) {
			throw new IllegalArgumentException("Option " + option + " must be positive, not " + number);
		}
		return number;
	}

}
