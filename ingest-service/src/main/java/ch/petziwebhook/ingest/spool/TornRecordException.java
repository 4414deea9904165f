package ch.petziwebhook.ingest.spool;

import java.io.IOException;

/**
 * Exception thrown when the bytes at a position of a spool segment are not one complete
 * record with a matching checksum, as after a crash in the middle of a write.
 */
class TornRecordException extends IOException {

	private final long position;

	TornRecordException(long position, String message) {
		super(message);
		this.position = position;
	}

	long getPosition() {
		return this.position;
	}

}
