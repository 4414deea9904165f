package ch.petziwebhook.ingest.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import ch.petziwebhook.ingest.spool.BrokerMonitor;
import ch.petziwebhook.ingest.spool.InFlightSends;
import ch.petziwebhook.ingest.spool.PublishedDeliveries;
import ch.petziwebhook.ingest.spool.Spool;
import ch.petziwebhook.ingest.spool.SpoolDrainer;
import ch.petziwebhook.ingest.spool.SpoolHealthIndicator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wiring of the spool: the spool itself, opened before the endpoint takes requests, its
 * drainer, its health and its gauges.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpoolProperties.class)
class SpoolConfiguration {

	@Bean(destroyMethod = "close")
	Spool spool(SpoolProperties properties, MeterRegistry meterRegistry, Clock clock) throws IOException {
		Spool spool = Spool.open(properties.directory(), properties.maxSize().toBytes(),
				properties.segmentSize().toBytes());
		registerGauges(spool, meterRegistry, clock);
		return spool;
	}

	@Bean
	BrokerMonitor brokerMonitor(Clock clock, MeterRegistry meterRegistry) {
		BrokerMonitor monitor = new BrokerMonitor(clock);
		Gauge.builder("petzi.ingest.kafka.up", monitor, (m) -> (m.state() == BrokerMonitor.State.UP) ? 1 : 0)
			.description("1 when the last record sent to Kafka was acknowledged, else 0")
			.register(meterRegistry);
		return monitor;
	}

	@Bean
	InFlightSends inFlightSends(MeterRegistry meterRegistry) {
		InFlightSends sends = new InFlightSends();
		Gauge.builder("petzi.ingest.spool.inflight", sends, InFlightSends::size)
			.description("Spooled deliveries whose send to Kafka is not resolved or not yet handled by the drainer")
			.register(meterRegistry);
		return sends;
	}

	@Bean
	PublishedDeliveries publishedDeliveries(KafkaProperties kafkaProperties, WebhookProperties webhookProperties,
			SpoolProperties spoolProperties) {
		// The check reads with the consumer settings (security included), within the
		// publish timeout.
		return new PublishedDeliveries(kafkaProperties.buildConsumerProperties(), webhookProperties.publishTimeout(),
				spoolProperties.checkMargin());
	}

	@Bean
	SpoolDrainer spoolDrainer(Spool spool, KafkaTemplate<String, byte[]> kafkaTemplate, BrokerMonitor brokerMonitor,
			WebhookProperties webhookProperties, InFlightSends inFlightSends, PublishedDeliveries publishedDeliveries,
			SpoolProperties spoolProperties, MeterRegistry meterRegistry) {
		return new SpoolDrainer(spool, kafkaTemplate, brokerMonitor, webhookProperties.publishTimeout(), inFlightSends,
				publishedDeliveries, spoolProperties.checkGiveUp(), meterRegistry);
	}

	@Bean
	SpoolHealthIndicator spoolHealthIndicator(Spool spool, BrokerMonitor brokerMonitor,
			WebhookProperties webhookProperties) {
		return new SpoolHealthIndicator(spool, brokerMonitor, KafkaConfiguration.maxRecordBytes(webhookProperties));
	}

	private static void registerGauges(Spool spool, MeterRegistry registry, Clock clock) {
		Gauge.builder("petzi.ingest.spool.depth", spool, Spool::depth)
			.description("Spooled deliveries not yet published to Kafka")
			.register(registry);
		Gauge.builder("petzi.ingest.spool.size", spool, Spool::sizeBytes)
			.description("Total size of the spool's segment files")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("petzi.ingest.spool.oldest.age", spool, (s) -> ageSeconds(s.oldestReceivedAt(), clock))
			.description("Age of the oldest spooled delivery not yet published, 0 when the spool is empty")
			.baseUnit("seconds")
			.register(registry);
		FunctionCounter.builder("petzi.ingest.spool.torn.records", spool, Spool::tornRecords)
			.description("Torn or corrupt spool records set aside unpublished")
			.register(registry);
	}

	private static double ageSeconds(Instant oldest, Clock clock) {
		return (oldest != null) ? Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0) : 0;
	}

}
