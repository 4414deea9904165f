package ch.petziwebhook.dashboard.freshness;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the check whether the projector is behind, which reads the consumer lag of
 * the projector's group on the raw topic from Kafka in the background.
 *
 * @param consumerLag whether to read the lag from Kafka at all; without it pages show the
 * state is unknown
 * @param consumerGroup the projector's consumer group
 * @param topic the topic the projector consumes
 * @param refreshInterval how often the lag is read
 * @param timeout how long one reading may take before the state turns unknown
 */
@ConfigurationProperties("petzi.freshness")
public record FreshnessProperties(@DefaultValue("true") boolean consumerLag,
		@DefaultValue("petzi-projector") String consumerGroup, @DefaultValue("petzi.webhooks.raw") String topic,
		@DefaultValue("15s") Duration refreshInterval, @DefaultValue("5s") Duration timeout) {

}
