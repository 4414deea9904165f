package ch.petziwebhook.ingest.spool;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local durable queue of deliveries that Kafka did not take in time. Deliveries are
 * appended to segment files ({@code segment-<number>.spool}) as checksummed frames and
 * forced to disk before {@link #append} returns. Concurrent appends share one force
 * (group commit). The drainer reads the oldest segment from its start and deletes it once
 * every record in it is published.
 * <p>
 * Opening a spool takes a lock file, so two processes never share a directory, and checks
 * every segment: a record cut short by a crash is moved to a {@code .torn} file next to
 * its segment, counted and logged, and never published.
 */
public final class Spool implements Closeable {

	private static final Logger log = LoggerFactory.getLogger(Spool.class);

	private static final String SEGMENT_PREFIX = "segment-";

	private static final String SEGMENT_SUFFIX = ".spool";

	private static final String LOCK_FILE = "spool.lock";

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final Path directory;

	private final long maxBytes;

	private final long segmentBytes;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final Object writeLock = new Object();

	private final Object syncLock = new Object();

	private final Deque<SpoolSegment> segments = new ArrayDeque<>();

	private final AtomicLong depth = new AtomicLong();

	private final AtomicLong tornRecords = new AtomicLong();

	private @Nullable SpoolSegment active;

	private long nextSegmentNumber;

	/** Segments numbered below it were left by an earlier run. */
	private long firstNewSegmentNumber;

	private volatile long totalBytes;

	private volatile @Nullable Instant oldestReceivedAt;

	private volatile boolean writeFailed;

	private volatile boolean closed;

	private Spool(Path directory, long maxBytes, long segmentBytes, FileChannel lockChannel, FileLock lock) {
		this.directory = directory;
		this.maxBytes = maxBytes;
		this.segmentBytes = segmentBytes;
		this.lockChannel = lockChannel;
		this.lock = lock;
	}

	/**
	 * Opens the spool in a directory, creating it readable only by its owner, and checks
	 * the segments a previous run left.
	 * @param directory the spool directory
	 * @param maxBytes the largest total size of the segments
	 * @param segmentBytes the size after which appends go to a new segment
	 * @return the open spool
	 * @throws IOException if the directory cannot be created or read
	 * @throws IllegalStateException if another spool holds the directory's lock
	 */
	public static Spool open(Path directory, long maxBytes, long segmentBytes) throws IOException {
		Path absolute = directory.toAbsolutePath().normalize();
		Files.createDirectories(absolute, ownerOnly("rwx------"));
		FileChannel lockChannel = FileChannel.open(absolute.resolve(LOCK_FILE),
				Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly("rw-------"));
		FileLock lock = tryLock(lockChannel, absolute);
		Spool spool = new Spool(absolute, maxBytes, segmentBytes, lockChannel, lock);
		spool.recover();
		return spool;
	}

	private static FileLock tryLock(FileChannel lockChannel, Path directory) throws IOException {
		FileLock lock;
		try {
			lock = lockChannel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			lockChannel.close();
			throw new IllegalStateException("Spool directory " + directory
					+ " is in use by another ingest process; give each process its own petzi.spool.directory");
		}
		return lock;
	}

	/**
	 * Appends a delivery and returns once it is on disk.
	 * @throws SpoolException if the spool is full or closed, or the disk failed
	 */
	public void append(RawDelivery delivery) {
		byte[] frame = SpoolRecordCodec.encode(delivery);
		SpoolSegment segment;
		long end;
		synchronized (this.writeLock) {
			if (this.closed) {
				throw new SpoolException("Spool " + this.directory + " is closed", false, null);
			}
			if (this.totalBytes + frame.length > this.maxBytes) {
				throw new SpoolException("Spool " + this.directory + " is full: " + this.totalBytes + " of "
						+ this.maxBytes + " bytes used, the delivery needs " + frame.length, true, null);
			}
			segment = segmentFor(frame.length);
			write(segment, frame);
			end = segment.size;
			if (this.depth.getAndIncrement() == 0) {
				this.oldestReceivedAt = delivery.receivedAt();
			}
		}
		sync(segment, end);
	}

	private SpoolSegment segmentFor(int frameLength) {
		SpoolSegment current = this.active;
		if (current != null && current.size > 0 && current.size + frameLength > this.segmentBytes) {
			seal(current);
			current = null;
		}
		if (current == null) {
			current = createSegment();
		}
		return current;
	}

	private SpoolSegment createSegment() {
		long number = this.nextSegmentNumber++;
		Path path = this.directory.resolve(segmentName(number));
		try {
			FileChannel channel = FileChannel.open(path,
					Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly("rw-------"));
			// The new file's directory entry must survive a crash as well as its bytes.
			syncDirectory();
			SpoolSegment segment = new SpoolSegment(number, path, channel, 0, 0);
			this.segments.addLast(segment);
			this.active = segment;
			return segment;
		}
		catch (IOException ex) {
			this.writeFailed = true;
			throw new SpoolException("Failed to create spool segment " + path + ": " + ex.getMessage(), false, ex);
		}
	}

	private void write(SpoolSegment segment, byte[] frame) {
		long start = segment.size;
		try {
			ByteBuffer buffer = ByteBuffer.wrap(frame);
			long position = start;
			while (buffer.hasRemaining()) {
				position += segment.channel.write(buffer, position);
			}
		}
		catch (IOException ex) {
			this.writeFailed = true;
			abandon(segment, start);
			throw new SpoolException("Failed to write to spool segment " + segment.path + ": " + ex.getMessage(), false,
					ex);
		}
		segment.size = start + frame.length;
		segment.records++;
		this.totalBytes += frame.length;
	}

	// After a failed write, cut the partial frame off and append to a new segment from
	// now on. When even the cut fails, the frame lies past the segment's size, so the
	// drainer never reads it, and the next start reports it as torn.
	private void abandon(SpoolSegment segment, long size) {
		try {
			segment.channel.truncate(size);
		}
		catch (IOException ex) {
			log.warn("Failed to cut a partial record off spool segment {}: {}", segment, ex.getMessage());
		}
		seal(segment);
		if (segment.size == 0) {
			this.segments.remove(segment);
			deleteQuietly(segment.path);
		}
	}

	private void sync(SpoolSegment segment, long end) {
		synchronized (this.syncLock) {
			if (segment.syncedSize >= end) {
				// Another append forced this record together with its own.
				return;
			}
			long target = segment.size;
			try {
				FileChannel channel = segment.channel;
				if (channel == null) {
					throw new ClosedChannelException();
				}
				channel.force(false);
				this.writeFailed = false;
				segment.syncedSize = Math.max(segment.syncedSize, target);
			}
			catch (ClosedChannelException ex) {
				// Sealing forces the segment before it closes it, so only a failed force
				// leaves the record unsynced.
				if (segment.syncedSize < end) {
					throw new SpoolException("Failed to force spool segment " + segment.path + " to disk", false, ex);
				}
			}
			catch (IOException ex) {
				this.writeFailed = true;
				throw new SpoolException(
						"Failed to force spool segment " + segment.path + " to disk: " + ex.getMessage(), false, ex);
			}
		}
	}

	private void seal(SpoolSegment segment) {
		FileChannel channel = segment.channel;
		if (channel == null) {
			return;
		}
		try {
			channel.force(false);
			segment.syncedSize = segment.size;
		}
		catch (IOException ex) {
			this.writeFailed = true;
			log.warn("Failed to force spool segment {} to disk while sealing it: {}", segment, ex.getMessage());
		}
		finally {
			segment.channel = null;
			closeQuietly(channel);
			if (this.active == segment) {
				this.active = null;
			}
		}
	}

	/**
	 * Returns whether the spool contains records that are not published yet. While it
	 * does, new deliveries must be spooled too, so that none overtakes an older one of
	 * its ticket.
	 */
	public boolean hasRecords() {
		return this.depth.get() > 0;
	}

	/**
	 * Returns the number of records not yet published.
	 */
	public long depth() {
		return this.depth.get();
	}

	/**
	 * Returns the total size of the segment files in bytes.
	 */
	public long sizeBytes() {
		return this.totalBytes;
	}

	public long maxBytes() {
		return this.maxBytes;
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Returns when the oldest record not yet published was received, or {@code null} when
	 * the spool is empty.
	 */
	public @Nullable Instant oldestReceivedAt() {
		return this.oldestReceivedAt;
	}

	/**
	 * Returns the number of torn or corrupt records found since the spool was opened.
	 */
	public long tornRecords() {
		return this.tornRecords.get();
	}

	/**
	 * Returns whether the last write or force to disk failed.
	 */
	public boolean hasWriteFailed() {
		return this.writeFailed;
	}

	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Returns the oldest segment, or {@code null} when there is none.
	 */
	@Nullable SpoolSegment head() {
		synchronized (this.writeLock) {
			return this.segments.peekFirst();
		}
	}

	/**
	 * Records that the drainer published records of a segment.
	 * @param segment the segment
	 * @param count the number of records published
	 * @param nextReceivedAt when the next record to publish was received, if known
	 */
	void published(SpoolSegment segment, int count, @Nullable Instant nextReceivedAt) {
		synchronized (this.writeLock) {
			segment.publishedRecords += count;
			if (this.depth.addAndGet(-count) == 0) {
				this.oldestReceivedAt = null;
			}
			else if (nextReceivedAt != null) {
				this.oldestReceivedAt = nextReceivedAt;
			}
		}
	}

	/**
	 * Returns whether a segment was left by an earlier run, so that its records may have
	 * reached Kafka without the spool knowing.
	 */
	boolean leftByEarlierRun(SpoolSegment segment) {
		return segment.number < this.firstNewSegmentNumber;
	}

	/**
	 * Deletes a segment whose records are all published, unless appends went on past the
	 * position the drainer reached.
	 * @return whether the segment was deleted
	 */
	boolean release(SpoolSegment segment, long position) {
		synchronized (this.writeLock) {
			if (segment.size != position) {
				return false;
			}
			seal(segment);
			this.segments.remove(segment);
			this.totalBytes -= segment.size;
			deleteQuietly(segment.path);
			return true;
		}
	}

	/**
	 * Sets aside the rest of a segment from a position whose bytes are not a valid
	 * record, counts it as torn and deletes the segment, so that the drainer goes on with
	 * the next one.
	 */
	void discardTail(SpoolSegment segment, long position, String reason) {
		synchronized (this.writeLock) {
			seal(segment);
			try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ)) {
				quarantine(channel, segment.path, position, segment.size, reason);
			}
			catch (IOException ex) {
				log.error("Failed to set aside the corrupt tail of spool segment {}", segment, ex);
			}
			long lost = segment.records - segment.publishedRecords;
			if (this.depth.addAndGet(-lost) <= 0) {
				this.oldestReceivedAt = null;
			}
			this.segments.remove(segment);
			this.totalBytes -= segment.size;
			deleteQuietly(segment.path);
		}
	}

	/**
	 * Reads the record at a position of a segment.
	 * @param channel a channel open for reading the segment
	 * @param position the byte offset of the record's frame
	 * @param limit the number of valid bytes in the segment
	 * @return the record, or {@code null} when the position is the limit
	 * @throws TornRecordException if the bytes from the position are not a whole record
	 * with a matching checksum
	 * @throws IOException if the file cannot be read
	 */
	static @Nullable SpooledRecord read(FileChannel channel, long position, long limit) throws IOException {
		if (position >= limit) {
			return null;
		}
		if (limit - position < SpoolRecordCodec.FRAME_HEADER_BYTES) {
			throw new TornRecordException(position, "only " + (limit - position) + " bytes of a frame header");
		}
		ByteBuffer header = readFully(channel, position, SpoolRecordCodec.FRAME_HEADER_BYTES);
		int length = header.getInt(0);
		long checksum = header.getInt(4) & 0xFFFFFFFFL;
		long available = limit - position - SpoolRecordCodec.FRAME_HEADER_BYTES;
		if (length < 0 || length > available) {
			throw new TornRecordException(position,
					"record claims " + length + " bytes, but only " + available + " follow");
		}
		ByteBuffer payload = readFully(channel, position + SpoolRecordCodec.FRAME_HEADER_BYTES, length);
		if (SpoolRecordCodec.checksum(payload.array(), 0, length) != checksum) {
			throw new TornRecordException(position, "checksum mismatch over " + length + " bytes");
		}
		try {
			RawDelivery delivery = SpoolRecordCodec.decode(payload.array());
			return new SpooledRecord(delivery, position, position + SpoolRecordCodec.FRAME_HEADER_BYTES + length);
		}
		catch (IllegalArgumentException ex) {
			throw new TornRecordException(position, ex.getMessage());
		}
	}

	private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining()) {
			int read = channel.read(buffer, position + buffer.position());
			if (read < 0) {
				throw new TornRecordException(position, "file ends inside the record");
			}
		}
		return buffer;
	}

	private void recover() throws IOException {
		List<Path> paths = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.directory)) {
			files.filter(Spool::isSegment).sorted().forEach(paths::add);
		}
		for (Path path : paths) {
			long number = segmentNumber(path);
			this.nextSegmentNumber = Math.max(this.nextSegmentNumber, number + 1);
			recoverSegment(number, path);
		}
		// Appends of this run always start a new segment.
		this.firstNewSegmentNumber = this.nextSegmentNumber;
		if (this.depth.get() > 0) {
			log.info("Opened spool {} with {} records in {} segments to publish", this.directory, this.depth.get(),
					this.segments.size());
		}
		else {
			log.info("Opened spool {}, which is empty", this.directory);
		}
	}

	private void recoverSegment(long number, Path path) throws IOException {
		long size;
		long records = 0;
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			size = channel.size();
			long position = 0;
			while (position < size) {
				try {
					SpooledRecord record = read(channel, position, size);
					if (this.oldestReceivedAt == null) {
						this.oldestReceivedAt = record.delivery().receivedAt();
					}
					records++;
					position = record.end();
				}
				catch (TornRecordException ex) {
					quarantine(channel, path, position, size, ex.getMessage());
					channel.truncate(position);
					channel.force(true);
					size = position;
				}
			}
		}
		if (size == 0) {
			Files.delete(path);
			return;
		}
		this.segments.addLast(new SpoolSegment(number, path, null, size, records));
		this.totalBytes += size;
		this.depth.addAndGet(records);
	}

	private void quarantine(FileChannel channel, Path path, long position, long size, String reason)
			throws IOException {
		this.tornRecords.incrementAndGet();
		Path torn = path.resolveSibling(path.getFileName() + ".torn-" + position);
		try (FileChannel out = FileChannel.open(torn,
				Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
				ownerOnly("rw-------"))) {
			channel.transferTo(position, size - position, out);
		}
		log.error(
				"Found a torn record in spool segment {} at byte {} ({}); moved its {} bytes to {}, "
						+ "and it will not be published",
				path.getFileName(), position, reason, size - position, torn.getFileName());
	}

	private void syncDirectory() {
		try (FileChannel channel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some file systems cannot open a directory; the segment's data is still
			// forced.
			log.debug("Failed to force spool directory {}: {}", this.directory, ex.getMessage());
		}
	}

	/**
	 * Seals the active segment, so that its records are on disk, and releases the
	 * directory's lock. Records not yet published stay for the next start.
	 */
	@Override
	public void close() {
		synchronized (this.writeLock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			SpoolSegment current = this.active;
			if (current != null) {
				seal(current);
			}
		}
		try {
			this.lock.release();
			this.lockChannel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to release the lock of spool " + this.directory, ex);
		}
		log.info("Closed spool {} with {} records left to publish", this.directory, this.depth.get());
	}

	static String segmentName(long number) {
		return String.format("%s%020d%s", SEGMENT_PREFIX, number, SEGMENT_SUFFIX);
	}

	private static boolean isSegment(Path path) {
		String name = path.getFileName().toString();
		return name.startsWith(SEGMENT_PREFIX) && name.endsWith(SEGMENT_SUFFIX)
				&& name.length() == segmentName(0).length();
	}

	private static long segmentNumber(Path path) {
		String name = path.getFileName().toString();
		return Long.parseLong(name.substring(SEGMENT_PREFIX.length(), name.length() - SEGMENT_SUFFIX.length()));
	}

	private static FileAttribute<?>[] ownerOnly(String permissions) {
		// Segments hold raw bodies with buyers' personal data.
		return POSIX
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			log.warn("Failed to delete spool file {}: {}", path, ex.getMessage());
		}
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			log.debug("Failed to close a spool segment: {}", ex.getMessage());
		}
	}

}
