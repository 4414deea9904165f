package ch.petziwebhook.ingest.spool;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Binary layout of one spooled delivery. A frame is the payload length (4 bytes), the
 * CRC32C of the payload (4 bytes) and the payload: format version, delivery id, receive
 * time, key, headers and body, each length-prefixed. The checksum lets the reader tell a
 * complete record from one cut short by a crash.
 */
final class SpoolRecordCodec {

	static final int FRAME_HEADER_BYTES = 8;

	private static final byte FORMAT_VERSION = 1;

	private SpoolRecordCodec() {
	}

	/**
	 * Encodes a delivery into a whole frame, header included.
	 */
	static byte[] encode(RawDelivery delivery) {
		byte[] key = utf8(delivery.key());
		int size = 1 + 16 + 12 + 4 + key.length + 4 + 4 + delivery.body().length;
		for (Map.Entry<String, String> header : delivery.headers().entrySet()) {
			size += 8 + utf8(header.getKey()).length + utf8(header.getValue()).length;
		}
		ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER_BYTES + size);
		frame.position(FRAME_HEADER_BYTES);
		frame.put(FORMAT_VERSION);
		frame.putLong(delivery.id().getMostSignificantBits()).putLong(delivery.id().getLeastSignificantBits());
		frame.putLong(delivery.receivedAt().getEpochSecond()).putInt(delivery.receivedAt().getNano());
		putBytes(frame, key);
		frame.putInt(delivery.headers().size());
		delivery.headers().forEach((name, value) -> {
			putBytes(frame, utf8(name));
			putBytes(frame, utf8(value));
		});
		putBytes(frame, delivery.body());

		frame.putInt(0, size);
		frame.putInt(4, (int) checksum(frame.array(), FRAME_HEADER_BYTES, size));
		return frame.array();
	}

	/**
	 * Returns the checksum that the frame header promises for a payload.
	 */
	static long checksum(byte[] bytes, int offset, int length) {
		CRC32C crc = new CRC32C();
		crc.update(bytes, offset, length);
		return crc.getValue() & 0xFFFFFFFFL;
	}

	/**
	 * Decodes a payload whose checksum has been checked.
	 * @throws IllegalArgumentException if the payload does not follow the layout
	 */
	static RawDelivery decode(byte[] payload) {
		try {
			ByteBuffer buffer = ByteBuffer.wrap(payload);
			byte version = buffer.get();
			if (version != FORMAT_VERSION) {
				throw new IllegalArgumentException("Unknown spool record format " + version);
			}
			UUID id = new UUID(buffer.getLong(), buffer.getLong());
			Instant receivedAt = Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
			String key = new String(getBytes(buffer), StandardCharsets.UTF_8);
			int headerCount = buffer.getInt();
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 0; i < headerCount; i++) {
				headers.put(new String(getBytes(buffer), StandardCharsets.UTF_8),
						new String(getBytes(buffer), StandardCharsets.UTF_8));
			}
			byte[] body = getBytes(buffer);
			return new RawDelivery(id, key, receivedAt, headers, body);
		}
		catch (BufferUnderflowException | NegativeArraySizeException ex) {
			throw new IllegalArgumentException("Spool record is shorter than its layout", ex);
		}
	}

	private static void putBytes(ByteBuffer buffer, byte[] bytes) {
		buffer.putInt(bytes.length).put(bytes);
	}

	private static byte[] getBytes(ByteBuffer buffer) {
		int length = buffer.getInt();
		if (length > buffer.remaining()) {
			throw new IllegalArgumentException("Spool record field of " + length + " bytes overruns the record");
		}
		byte[] bytes = new byte[length];
		buffer.get(bytes);
		return bytes;
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
