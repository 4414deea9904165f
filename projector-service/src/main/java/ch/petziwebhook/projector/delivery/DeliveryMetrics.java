package ch.petziwebhook.projector.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Micrometer counter {@code petzi.projector.deliveries} of recorded deliveries, tagged
 * with their status.
 */
@Component
class DeliveryMetrics {

	private final MeterRegistry meterRegistry;

	DeliveryMetrics(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	void recorded(DeliveryStatus status) {
		recorded(status, 1);
	}

	void recorded(DeliveryStatus status, int count) {
		Counter.builder("petzi.projector.deliveries")
			.description("Raw webhook deliveries recorded in the delivery log, by status")
			.tag("status", status.columnValue())
			.register(this.meterRegistry)
			.increment(count);
	}

}
