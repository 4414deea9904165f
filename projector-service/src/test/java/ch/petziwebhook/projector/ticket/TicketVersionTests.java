package ch.petziwebhook.projector.ticket;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ordering of ticket snapshots by signature timestamp, then by offset.
 */
class TicketVersionTests {

	@Test
	void earlierSignatureIsOlder() {
		assertThat(aVersion(100, 9).isOlderThan(aVersion(101, 1))).isTrue();
	}

	@Test
	void laterSignatureIsNotOlder() {
		assertThat(aVersion(101, 1).isOlderThan(aVersion(100, 9))).isFalse();
	}

	@Test
	void sameSignatureLowerOffsetIsOlder() {
		assertThat(aVersion(100, 4).isOlderThan(aVersion(100, 5))).isTrue();
	}

	@Test
	void sameSignatureHigherOffsetIsNotOlder() {
		assertThat(aVersion(100, 6).isOlderThan(aVersion(100, 5))).isFalse();
	}

	@Test
	void sameRecordIsNotOlder() {
		assertThat(aVersion(100, 5).isOlderThan(aVersion(100, 5))).isFalse();
	}

	private static TicketVersion aVersion(long signatureTimestamp, long offset) {
		return new TicketVersion(UUID.randomUUID(), Instant.EPOCH, signatureTimestamp, 0, offset);
	}

}
