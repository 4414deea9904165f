package ch.petziwebhook.ingest.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the spool: {@code UP} while it can take another delivery of the largest size,
 * so readiness fails only when a Kafka outage could no longer be absorbed. The details
 * show the spool's depth and the broker's state.
 */
public final class SpoolHealthIndicator extends AbstractHealthIndicator {

	private final Spool spool;

	private final BrokerMonitor brokerMonitor;

	private final long largestRecordBytes;

	/**
	 * Creates the indicator.
	 * @param spool the spool
	 * @param brokerMonitor the broker's last known state
	 * @param largestRecordBytes the spool room one delivery of the largest size needs
	 */
	public SpoolHealthIndicator(Spool spool, BrokerMonitor brokerMonitor, long largestRecordBytes) {
		super("Spool health check failed");
		this.spool = spool;
		this.brokerMonitor = brokerMonitor;
		this.largestRecordBytes = largestRecordBytes;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws IOException {
		long free = this.spool.maxBytes() - this.spool.sizeBytes();
		long usable = Files.getFileStore(this.spool.directory()).getUsableSpace();
		boolean canTake = !this.spool.isClosed() && !this.spool.hasWriteFailed()
				&& Math.min(free, usable) >= this.largestRecordBytes;
		Instant oldest = this.spool.oldestReceivedAt();

		builder.status(canTake ? "UP" : "DOWN")
			.withDetail("depth", this.spool.depth())
			.withDetail("sizeBytes", this.spool.sizeBytes())
			.withDetail("maxBytes", this.spool.maxBytes())
			.withDetail("diskUsableBytes", usable)
			.withDetail("writeFailed", this.spool.hasWriteFailed())
			.withDetail("tornRecords", this.spool.tornRecords())
			.withDetail("broker", this.brokerMonitor.state().name());
		if (oldest != null) {
			builder.withDetail("oldestReceivedAt", oldest.toString());
		}
		if (this.brokerMonitor.since() != null) {
			builder.withDetail("brokerSince", this.brokerMonitor.since().toString());
		}
	}

}
