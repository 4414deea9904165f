package ch.petziwebhook.ingest.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the records that ingest publishes to {@code petzi.webhooks.rejected}, bound
 * from {@code petzi.rejections.*}.
 *
 * @param perSecond largest number of rejection records published per second; the rest are
 * dropped and counted
 */
@ConfigurationProperties("petzi.rejections")
public record RejectionProperties(@DefaultValue("10") double perSecond) {

	public RejectionProperties {
		if (perSecond <= 0) {
			throw new IllegalArgumentException("petzi.rejections.per-second must be positive, got " + perSecond);
		}
	}

}
