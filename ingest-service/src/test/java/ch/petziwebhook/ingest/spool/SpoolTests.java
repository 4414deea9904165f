package ch.petziwebhook.ingest.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SpoolTests {

	private static final long MAX_BYTES = 1024 * 1024;

	private static final long SEGMENT_BYTES = 4096;

	@TempDir
	Path directory;

	private final List<Spool> opened = new ArrayList<>();

	@AfterEach
	void closeSpools() {
		this.opened.forEach(Spool::close);
	}

	@Test
	void keepsRecordsAcrossReopen() throws IOException {
		Spool spool = open();
		List<RawDelivery> deliveries = List.of(delivery("T1", 100), delivery("T2", 200), delivery("T1", 300));
		deliveries.forEach(spool::append);
		spool.close();

		Spool reopened = open();

		assertThat(reopened.depth()).isEqualTo(3);
		assertThat(readAll(reopened)).extracting(RawDelivery::id)
			.containsExactlyElementsOf(deliveries.stream().map(RawDelivery::id).toList());
	}

	@Test
	void roundTripsHeadersAndBody() throws IOException {
		Spool spool = open();
		RawDelivery delivery = delivery("TICKÉT-ü", 50);

		spool.append(delivery);

		RawDelivery read = readAll(spool).get(0);
		assertThat(read.key()).isEqualTo("TICKÉT-ü");
		assertThat(read.headers()).containsExactlyEntriesOf(delivery.headers());
		assertThat(read.body()).isEqualTo(delivery.body());
		assertThat(read.receivedAt()).isEqualTo(delivery.receivedAt());
	}

	@Test
	void setsAsideTornLastRecord() throws IOException {
		Spool spool = open();
		spool.append(delivery("T1", 100));
		spool.append(delivery("T2", 100));
		spool.close();
		byte[] frame = SpoolRecordCodec.encode(delivery("T3", 100));
		appendToLastSegment(Arrays.copyOf(frame, frame.length / 2));

		Spool reopened = open();

		assertThat(reopened.depth()).isEqualTo(2);
		assertThat(reopened.tornRecords()).isEqualTo(1);
		assertThat(readAll(reopened)).extracting(RawDelivery::key).containsExactly("T1", "T2");
		assertThat(files("*.torn-*")).hasSize(1);
	}

	@Test
	void detectsFlippedByte() throws IOException {
		Spool spool = open();
		spool.append(delivery("T1", 100));
		spool.close();
		Path segment = files("*.spool").get(0);
		byte[] bytes = Files.readAllBytes(segment);
		bytes[bytes.length - 3] ^= 1;
		Files.write(segment, bytes);

		Spool reopened = open();

		assertThat(reopened.depth()).isZero();
		assertThat(reopened.tornRecords()).isEqualTo(1);
	}

	@Test
	void rejectsRecordOverMaxSize() throws IOException {
		Spool spool = Spool.open(this.directory, 600, SEGMENT_BYTES);
		this.opened.add(spool);
		spool.append(delivery("T1", 300));

		assertThatExceptionOfType(SpoolException.class).isThrownBy(() -> spool.append(delivery("T2", 300)))
			.satisfies((ex) -> assertThat(ex.isFull()).isTrue())
			.withMessageContaining("is full");
		assertThat(spool.depth()).isEqualTo(1);
	}

	@Test
	void rollsToNewSegment() throws IOException {
		Spool spool = open();

		for (int i = 0; i < 10; i++) {
			spool.append(delivery("T" + i, 1000));
		}

		assertThat(files("*.spool")).hasSizeGreaterThan(1);
		assertThat(readAll(spool)).hasSize(10);
	}

	@Test
	void releasesPublishedSegment() throws IOException {
		Spool spool = open();
		spool.append(delivery("T1", 100));
		SpoolSegment head = spool.head();

		spool.published(head, 1, null);
		boolean released = spool.release(head, head.size);

		assertThat(released).isTrue();
		assertThat(spool.hasRecords()).isFalse();
		assertThat(spool.sizeBytes()).isZero();
		assertThat(files("*.spool")).isEmpty();
	}

	@Test
	void keepsSegmentWithNewerAppends() throws IOException {
		Spool spool = open();
		spool.append(delivery("T1", 100));
		SpoolSegment head = spool.head();
		long drainedTo = head.size;
		spool.append(delivery("T1", 100));

		boolean released = spool.release(head, drainedTo);

		assertThat(released).isFalse();
		assertThat(files("*.spool")).hasSize(1);
	}

	@Test
	void rejectsSecondOpenOfDirectory() throws IOException {
		open();

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this::open)
			.withMessageContaining("is in use by another ingest process");
	}

	@Test
	void filesReadableOnlyByOwner() throws IOException {
		Spool spool = open();
		spool.append(delivery("T1", 100));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files("*.spool").get(0))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.directory.resolve("nested"))))
			.isEqualTo("rwx------");
	}

	@Test
	void tracksOldestReceivedAt() throws IOException {
		Spool spool = open();
		RawDelivery first = delivery("T1", 10);

		spool.append(first);
		spool.append(delivery("T2", 10));

		assertThat(spool.oldestReceivedAt()).isEqualTo(first.receivedAt());
	}

	private Spool open() throws IOException {
		Spool spool = Spool.open(this.directory.resolve("nested"), MAX_BYTES, SEGMENT_BYTES);
		this.opened.add(spool);
		return spool;
	}

	private List<RawDelivery> readAll(Spool spool) throws IOException {
		List<RawDelivery> deliveries = new ArrayList<>();
		try (Stream<Path> segments = Files.list(spool.directory())) {
			for (Path segment : segments.filter((p) -> p.toString().endsWith(".spool")).sorted().toList()) {
				try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
					long position = 0;
					SpooledRecord record;
					while ((record = Spool.read(channel, position, channel.size())) != null) {
						deliveries.add(record.delivery());
						position = record.end();
					}
				}
			}
		}
		return deliveries;
	}

	private void appendToLastSegment(byte[] bytes) throws IOException {
		List<Path> segments = files("*.spool");
		Files.write(segments.get(segments.size() - 1), bytes, StandardOpenOption.APPEND);
	}

	private List<Path> files(String glob) throws IOException {
		List<Path> found = new ArrayList<>();
		try (var stream = Files.newDirectoryStream(this.directory.resolve("nested"), glob)) {
			stream.forEach(found::add);
		}
		found.sort(null);
		return found;
	}

	private static RawDelivery delivery(String key, int bodyLength) {
		byte[] body = new byte[bodyLength];
		Arrays.fill(body, (byte) 'x');
		System.arraycopy(key.getBytes(StandardCharsets.UTF_8), 0, body, 0,
				Math.min(bodyLength, key.getBytes(StandardCharsets.UTF_8).length));
		UUID id = UUID.randomUUID();
		return new RawDelivery(id, key, Instant.parse("2025-01-01T12:00:00.123456789Z"),
				Map.of("petzi-delivery-id", id.toString(), "petzi-version", "2"), body);
	}

}
