package ch.petziwebhook.benchmark.dashboard;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GC log that a JVM started with {@code -Xlog:gc:file=...} writes, one line per
 * collection, such as {@code GC(7) Pause Young (Normal) (G1 Evacuation Pause)
 * 97M->12M(160M) 4.1ms}. Read in slices from a byte offset, so that a caller can take the
 * collections between two points in time.
 */
final class GcLog {

	// Young, mixed and full pauses reclaim memory. Remark and cleanup pauses of G1 also
	// print sizes, but the heap they leave still contains the garbage of the cycle.
	private static final Pattern PAUSE = Pattern
		.compile("GC\\(\\d+\\) Pause (?:Young|Full)\\b.*?(\\d+)([KMG])->(\\d+)([KMG])\\(");

	private final Path file;

	GcLog(Path file) {
		this.file = file;
	}

	Path file() {
		return this.file;
	}

	/**
	 * Returns the size of the log in bytes, the offset of the next line it writes.
	 */
	long size() throws IOException {
		return Files.exists(this.file) ? Files.size(this.file) : 0;
	}

	/**
	 * Reads the collections the log recorded from the given offset on.
	 * @param offset a value of {@link #size()}
	 * @return the used heap after each collection in bytes, oldest first
	 */
	List<Long> usedAfterCollectionsSince(long offset) throws IOException {
		String text;
		try (RandomAccessFile log = new RandomAccessFile(this.file.toFile(), "r")) {
			byte[] bytes = new byte[(int) Math.max(0, log.length() - offset)];
			log.seek(offset);
			log.readFully(bytes);
			text = new String(bytes, StandardCharsets.UTF_8);
		}
		List<Long> usedAfter = new ArrayList<>();
		Matcher pause = PAUSE.matcher(text);
		while (pause.find()) {
			usedAfter.add(Long.parseLong(pause.group(3)) * unit(pause.group(4)));
		}
		return usedAfter;
	}

	private static long unit(String suffix) {
		return switch (suffix) {
			case "K" -> 1024L;
			case "M" -> 1024L * 1024;
			default -> 1024L * 1024 * 1024;
		};
	}

}
