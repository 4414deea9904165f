package ch.petziwebhook.ingest.spool;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One append-only file of the spool. The active segment has an open channel for
 * appending. A sealed one is only read and deleted once the drainer has published it.
 * Fields without {@code volatile} are guarded by the spool's write lock.
 */
final class SpoolSegment {

	final long number;

	final Path path;

	volatile FileChannel channel;

	/** Bytes of complete records; readers never look past it. */
	volatile long size;

	/** Bytes known to be on disk. */
	volatile long syncedSize;

	long records;

	long publishedRecords;

	SpoolSegment(long number, Path path, FileChannel channel, long size, long records) {
		this.number = number;
		this.path = path;
		this.channel = channel;
		this.size = size;
		this.syncedSize = size;
		this.records = records;
	}

	@Override
	public String toString() {
		return this.path.getFileName().toString();
	}

}
