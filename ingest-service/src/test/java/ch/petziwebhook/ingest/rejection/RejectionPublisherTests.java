package ch.petziwebhook.ingest.rejection;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.RejectedWebhook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

class RejectionPublisherTests {

	@SuppressWarnings("unchecked") // Mockito cannot express the generic type.
	private final KafkaTemplate<String, String> kafkaTemplate = mock(KafkaTemplate.class);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private RejectionPublisher publisher;

	@AfterEach
	void stop() {
		this.publisher.destroy();
	}

	@Test
	void countsRecordsOverRateLimit() {
		this.publisher = new RejectionPublisher(this.kafkaTemplate, 1, this.registry);

		for (int i = 0; i < 100; i++) {
			this.publisher.publish(rejection());
		}

		assertThat(this.registry.get("petzi.ingest.rejections.dropped").tag("cause", "rate-limit").counter().count())
			.isGreaterThanOrEqualTo(90);
	}

	@Test
	void countsFailedSend() {
		given(this.kafkaTemplate.send(eq(PetziTopics.REJECTED), anyString(), anyString()))
			.willReturn(CompletableFuture.failedFuture(new IllegalStateException("broker down")));
		this.publisher = new RejectionPublisher(this.kafkaTemplate, 10, this.registry);

		this.publisher.publish(rejection());

		verify(this.kafkaTemplate, timeout(5000)).send(eq(PetziTopics.REJECTED), eq("signature_mismatch"), anyString());
		await().untilAsserted(() -> assertThat(
				this.registry.get("petzi.ingest.rejections.dropped").tag("cause", "send-failed").counter().count())
			.isEqualTo(1));
	}

	private static RejectedWebhook rejection() {
		return new RejectedWebhook(Instant.parse("2025-01-01T12:00:00Z"), "signature_mismatch", 401, "no match",
				"127.0.0.1", "PETZI webhook", "2", 10, "ab", 0L, List.of("config-1"));
	}

}
