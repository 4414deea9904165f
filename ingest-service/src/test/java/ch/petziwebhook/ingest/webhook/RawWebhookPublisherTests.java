package ch.petziwebhook.ingest.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ch.petziwebhook.ingest.spool.BrokerMonitor;
import ch.petziwebhook.ingest.spool.InFlightSends;
import ch.petziwebhook.ingest.spool.Spool;
import ch.petziwebhook.ingest.system.WebhookProperties;
import ch.petziwebhook.model.SignatureHeader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Unit tests of {@link RawWebhookPublisher} with a Kafka template that fails.
 */
class RawWebhookPublisherTests {

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<String, byte[]> kafkaTemplate = mock(KafkaTemplate.class);

	private final InFlightSends inFlightSends = new InFlightSends();

	@TempDir
	Path directory;

	private Spool spool;

	@AfterEach
	void closeSpool() {
		if (this.spool != null) {
			this.spool.close();
		}
	}

	@Test
	void failedSendKeptForDrainer() throws IOException {
		CompletableFuture<SendResult<String, byte[]>> failed = CompletableFuture
			.failedFuture(new TimeoutException("expired before the answer"));
		given(this.kafkaTemplate.send(any(ProducerRecord.class))).willReturn(failed);
		this.spool = Spool.open(this.directory, 1024 * 1024, 64 * 1024);
		RawWebhookPublisher publisher = new RawWebhookPublisher(this.kafkaTemplate, new TicketNumberReader(),
				Clock.systemUTC(),
				new WebhookProperties(List.of("secret"), Duration.ofMinutes(5), DataSize.ofMegabytes(1),
						Duration.ofSeconds(2)),
				this.spool, new BrokerMonitor(Clock.systemUTC()), this.inFlightSends, new SimpleMeterRegistry());

		Delivery delivery = publisher.publish("{}".getBytes(StandardCharsets.UTF_8),
				new SignatureHeader(1735732800L, List.of()), null);

		assertThat(this.spool.depth()).isEqualTo(1);
		assertThat(this.inFlightSends.get(delivery.id())).isSameAs(failed);
	}

}
