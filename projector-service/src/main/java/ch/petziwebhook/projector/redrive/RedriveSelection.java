package ch.petziwebhook.projector.redrive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Selection of the dead-letter records that the {@code redrive} command copies: all, or a
 * list of {@code partition@offset} positions.
 *
 * @param all whether every record is selected
 * @param positions the selected positions as {@code partition@offset}, empty when
 * {@code all} is set
 */
record RedriveSelection(boolean all, Set<String> positions) {

	static RedriveSelection parse(List<String> args) {
		if (args.equals(List.of("--all"))) {
			return new RedriveSelection(true, Set.of());
		}
		if (args.size() == 2 && args.get(0).equals("--offset")) {
			Set<String> positions = new LinkedHashSet<>();
			for (String position : args.get(1).split(",")) {
				positions.add(checked(position.strip()));
			}
			return new RedriveSelection(false, positions);
		}
		throw new IllegalArgumentException("Expected --all or --offset PARTITION@OFFSET, got " + args);
	}

	boolean includes(int partition, long offset) {
		return this.all || this.positions.contains(partition + "@" + offset);
	}

	/**
	 * Returns the selected positions that are not among the records found.
	 */
	List<String> missingFrom(Collection<String> found) {
		List<String> missing = new ArrayList<>(this.positions);
		missing.removeAll(found);
		return missing;
	}

	private static String checked(String position) {
		String[] parts = position.split("@");
		try {
			if (parts.length == 2 && Integer.parseInt(parts[0]) >= 0 && Long.parseLong(parts[1]) >= 0) {
				return Integer.parseInt(parts[0]) + "@" + Long.parseLong(parts[1]);
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the expected form.
		}
		throw new IllegalArgumentException("Invalid position " + position + ", expected PARTITION@OFFSET such as 0@12");
	}

}
