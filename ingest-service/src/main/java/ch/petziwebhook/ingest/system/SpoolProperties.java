package ch.petziwebhook.ingest.system;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the local spool that keeps verified deliveries while Kafka does not take
 * them, bound from {@code petzi.spool.*}.
 *
 * @param directory folder of the spool's segment files, relative to the working directory
 * unless absolute; set by {@code PETZI_SPOOL_DIRECTORY}. It must survive a restart, so
 * not a temporary folder.
 * @param maxSize largest total size of the segment files; once reached, deliveries that
 * Kafka does not take get 503
 * @param segmentSize size after which the spool starts a new segment file
 * @param checkMargin how long before a spooled delivery's receive time the drainer starts
 * reading the raw topic when it checks whether the topic contains the delivery already
 * @param checkGiveUp how long that check may keep failing before the drainer sends
 * without it, which may write a delivery twice
 */
@ConfigurationProperties("petzi.spool")
public record SpoolProperties(@DefaultValue(".ingest-spool") Path directory, @DefaultValue("1GB") DataSize maxSize,
		@DefaultValue("64MB") DataSize segmentSize, @DefaultValue("5m") Duration checkMargin,
		@DefaultValue("5m") Duration checkGiveUp) {

	public SpoolProperties {
		if (maxSize.toBytes() < 1) {
			throw new IllegalArgumentException("petzi.spool.max-size must be positive, got " + maxSize);
		}
		if (segmentSize.toBytes() < 1) {
			throw new IllegalArgumentException("petzi.spool.segment-size must be positive, got " + segmentSize);
		}
		if (checkMargin.isNegative() || checkGiveUp.isNegative()) {
			throw new IllegalArgumentException("petzi.spool.check-margin and petzi.spool.check-give-up must not be "
					+ "negative, got " + checkMargin + " and " + checkGiveUp);
		}
	}

}
