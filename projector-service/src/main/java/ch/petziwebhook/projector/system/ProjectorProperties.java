package ch.petziwebhook.projector.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the projector under {@code petzi.projector}.
 *
 * @param retry the back-off between attempts to project a record after a database or
 * other transient failure
 * @param deadLetterPartitions the partition count of the dead-letter topic when the
 * projector creates it
 * @param ticketPartitions the partition count of the ticket event topic when the
 * projector creates it
 * @param publishTimeout the longest wait for the broker to acknowledge the ticket events
 * of a database commit; on timeout the records are processed again
 */
@ConfigurationProperties("petzi.projector")
public record ProjectorProperties(@DefaultValue Retry retry, @DefaultValue("1") int deadLetterPartitions,
		@DefaultValue("1") int ticketPartitions, @DefaultValue("30s") Duration publishTimeout) {

	public ProjectorProperties {
		if (deadLetterPartitions < 1) {
			throw new IllegalArgumentException(
					"petzi.projector.dead-letter-partitions must be at least 1, got " + deadLetterPartitions);
		}
		if (ticketPartitions < 1) {
			throw new IllegalArgumentException(
					"petzi.projector.ticket-partitions must be at least 1, got " + ticketPartitions);
		}
		if (publishTimeout.isNegative() || publishTimeout.isZero()) {
			throw new IllegalArgumentException(
					"petzi.projector.publish-timeout must be positive, got " + publishTimeout);
		}
	}

	/**
	 * Exponential back-off without an end: a transient failure is retried until it
	 * passes, so no record is ever skipped.
	 *
	 * @param initialInterval the wait after the first failure
	 * @param multiplier the factor applied to the wait after each further failure
	 * @param maxInterval the longest wait; keep it well below the consumer's
	 * {@code max.poll.interval.ms} (5 minutes by default)
	 */
	public record Retry(@DefaultValue("1s") Duration initialInterval, @DefaultValue("2") double multiplier,
			@DefaultValue("1m") Duration maxInterval) {

		public Retry {
			if (initialInterval.isNegative() || initialInterval.isZero()) {
				throw new IllegalArgumentException(
						"petzi.projector.retry.initial-interval must be positive, got " + initialInterval);
			}
			if (multiplier < 1) {
				throw new IllegalArgumentException(
						"petzi.projector.retry.multiplier must be at least 1, got " + multiplier);
			}
			if (maxInterval.compareTo(initialInterval) < 0) {
				throw new IllegalArgumentException("petzi.projector.retry.max-interval (" + maxInterval
						+ ") must not be shorter than the initial interval (" + initialInterval + ")");
			}
		}

	}

}
