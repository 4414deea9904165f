package ch.petziwebhook.dashboard.delivery;

import java.time.Clock;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.RejectedWebhook;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Copies the records of {@value PetziTopics#REJECTED} into the delivery log. Its own
 * consumer group commits what it stored, so a restart continues where it stopped instead
 * of reading the topic again. The first start reads the topic from the beginning.
 */
@Component
class RejectedWebhookListener {

	static final String GROUP_ID = "petzi-dashboard-rejections";

	private static final Logger log = LoggerFactory.getLogger(RejectedWebhookListener.class);

	private final RejectionRepository rejections;

	private final JsonMapper jsonMapper;

	private final DeliveryLogProperties properties;

	private final Clock clock;

	RejectedWebhookListener(RejectionRepository rejections, JsonMapper jsonMapper, DeliveryLogProperties properties) {
		this.rejections = rejections;
		this.jsonMapper = jsonMapper;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@KafkaListener(id = GROUP_ID, topics = PetziTopics.REJECTED,
			autoStartup = "${petzi.deliveries.rejections-listener:true}",
			properties = { "auto.offset.reset=earliest",
					"key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
					"value.deserializer=org.apache.kafka.common.serialization.StringDeserializer" })
	void onRejection(ConsumerRecord<String, String> record) {
		RejectedWebhook rejection;
		try {
			rejection = this.jsonMapper.readValue(record.value(), RejectedWebhook.class);
		}
		catch (JacksonException ex) {
			// A record that is not a rejection would fail the same way on every retry.
			log.warn("Skipped record {}-{}@{} because it is not a rejected webhook: {}", record.topic(),
					record.partition(), record.offset(), ex.getOriginalMessage());
			return;
		}
		if (rejection.rejectedAt() == null || rejection.reason() == null) {
			log.warn("Skipped record {}-{}@{} because it has no rejection time or reason", record.topic(),
					record.partition(), record.offset());
			return;
		}
		if (this.rejections.save(rejection, record.partition(), record.offset())) {
			log.debug("Stored rejection {} from {}-{}@{}", rejection.reason(), record.topic(), record.partition(),
					record.offset());
		}
	}

	/**
	 * Deletes the rejected requests older than the retention and beyond the row limit,
	 * once an hour.
	 */
	@Scheduled(initialDelay = 60_000, fixedDelay = 3_600_000)
	void pruneRejections() {
		int deleted = this.rejections.prune(this.clock.instant().minus(this.properties.rejectionRetention()),
				this.properties.maxRejections());
		if (deleted > 0) {
			log.info("Deleted {} rejected webhooks older than {} or beyond the newest {}", deleted,
					this.properties.rejectionRetention(), this.properties.maxRejections());
		}
	}

}
