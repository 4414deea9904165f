package ch.petziwebhook.dashboard.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the delivery log: how long rejected requests are kept and how re-drives
 * reach Kafka.
 *
 * @param rejectionsListener whether to consume the rejection topic; tests without a
 * broker turn it off
 * @param rejectionRetention how long a rejected request stays in the log
 * @param maxRejections the maximum number of rejected requests kept, newest first
 * @param redriveTimeout how long a re-drive may wait for Kafka to return the raw record
 * and to acknowledge its copy
 * @param maxRedriveAll the maximum number of failed deliveries that one "re-drive all"
 * copies
 */
@ConfigurationProperties("petzi.deliveries")
public record DeliveryLogProperties(@DefaultValue("true") boolean rejectionsListener,
		@DefaultValue("30d") Duration rejectionRetention, @DefaultValue("10000") int maxRejections,
		@DefaultValue("10s") Duration redriveTimeout, @DefaultValue("500") int maxRedriveAll) {

}
