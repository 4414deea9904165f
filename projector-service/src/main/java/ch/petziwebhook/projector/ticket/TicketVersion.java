package ch.petziwebhook.projector.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * Position of one ticket snapshot in the stream of deliveries: which delivery carried it
 * and where that delivery sits in Petzi's and Kafka's order.
 *
 * @param deliveryId the delivery that carried the snapshot
 * @param receivedAt when ingest received that delivery
 * @param signatureTimestamp the {@code t} of that delivery's Petzi signature, in unix
 * seconds
 * @param partition the partition of the raw record
 * @param offset the offset of the raw record
 */
public record TicketVersion(UUID deliveryId, Instant receivedAt, long signatureTimestamp, int partition, long offset) {

	/**
	 * Returns whether this snapshot is older than another: signed earlier, or signed in
	 * the same second and written earlier to the raw topic. Offsets order only records of
	 * one partition, which holds for one ticket because ingest keys records by ticket
	 * number.
	 * @param other the snapshot to compare with, usually the stored one
	 * @return {@code true} when this snapshot must not replace {@code other}
	 */
	public boolean isOlderThan(TicketVersion other) {
		if (this.signatureTimestamp != other.signatureTimestamp) {
			return this.signatureTimestamp < other.signatureTimestamp;
		}
		return this.offset < other.offset;
	}

}
