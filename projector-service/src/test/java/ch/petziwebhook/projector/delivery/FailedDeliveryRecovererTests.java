package ch.petziwebhook.projector.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import ch.petziwebhook.model.InvalidPayloadException;
import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Order and content of the recoverer's steps for a record that cannot be projected.
 */
class FailedDeliveryRecovererTests {

	private final DeadLetterPublishingRecoverer publisher = mock();

	private final DeliveryLog deliveryLog = mock();

	private final DeliveryMetrics metrics = mock();

	private final Consumer<?, ?> consumer = mock();

	private final AtomicInteger pauses = new AtomicInteger();

	private final FailedDeliveryRecoverer recoverer = new FailedDeliveryRecoverer(this.publisher, this.deliveryLog,
			this.metrics) {

		@Override
		void pauseAfterPublishFailure() {
			FailedDeliveryRecovererTests.this.pauses.incrementAndGet();
		}

	};

	@Test
	void publishesBeforeRecording() {
		ConsumerRecord<String, byte[]> record = aRecord("{\"event\":\"ticket_created\",\"details\":{}}");
		Exception failure = failure(new InvalidPayloadException("Payload has no details.ticket.number"));

		this.recoverer.accept(record, this.consumer, failure);

		InOrder order = inOrder(this.publisher, this.deliveryLog);
		order.verify(this.publisher).accept(record, this.consumer, failure);
		order.verify(this.deliveryLog).recordFailure(any(), eq("ticket_created"), eq(null), any());
	}

	@Test
	void recordsPayloadReasonAsError() {
		Exception failure = failure(new InvalidPayloadException("Payload has no details.ticket.number"));

		this.recoverer.accept(aRecord("{}"), this.consumer, failure);

		verify(this.deliveryLog).recordFailure(any(), eq(null), eq(null), eq("Payload has no details.ticket.number"));
	}

	@Test
	void recordsTicketNumberWhenReadable() {
		Exception failure = failure(new InvalidPayloadException("price.amount 1.005 has more than two decimals"));

		this.recoverer.accept(aRecord("{\"details\":{\"ticket\":{\"number\":\"TEST1\"}}}"), this.consumer, failure);

		verify(this.deliveryLog).recordFailure(any(), eq(null), eq("TEST1"), any());
	}

	@Test
	void recordsNothingWhenPublishingFails() {
		Exception failure = failure(new InvalidPayloadException("Body is not a valid Petzi payload"));
		willThrow(new KafkaException("Dead-letter topic unreachable")).given(this.publisher)
			.accept(any(), any(), any());

		assertThatExceptionOfType(KafkaException.class)
			.isThrownBy(() -> this.recoverer.accept(aRecord("not JSON"), this.consumer, failure));
		verifyNoInteractions(this.deliveryLog);
	}

	@Test
	void pausesWhenPublishingFails() {
		Exception failure = failure(new InvalidPayloadException("Body is not a valid Petzi payload"));
		willThrow(new KafkaException("Record too large")).given(this.publisher).accept(any(), any(), any());

		assertThatExceptionOfType(KafkaException.class)
			.isThrownBy(() -> this.recoverer.accept(aRecord("not JSON"), this.consumer, failure));

		assertThat(this.pauses).hasValue(1);
	}

	@Test
	void doesNotPauseAfterPublishing() {
		this.recoverer.accept(aRecord("not JSON"), this.consumer,
				failure(new InvalidPayloadException("Body is not a valid Petzi payload")));

		assertThat(this.pauses).hasValue(0);
	}

	private static Exception failure(Exception cause) {
		return new ListenerExecutionFailedException("Listener failed", cause);
	}

	private static ConsumerRecord<String, byte[]> aRecord(String body) {
		return new ConsumerRecord<>(PetziTopics.RAW, 0, 7, 1735732805000L, TimestampType.CREATE_TIME, 0, 0, "key",
				body.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());
	}

}
