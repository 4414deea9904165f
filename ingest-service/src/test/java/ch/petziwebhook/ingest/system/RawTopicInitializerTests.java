package ch.petziwebhook.ingest.system;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class RawTopicInitializerTests {

	private final KafkaAdmin kafkaAdmin = mock(KafkaAdmin.class);

	private final RawTopicInitializer initializer = new RawTopicInitializer(this.kafkaAdmin, Duration.ofMillis(50));

	@AfterEach
	void stop() {
		this.initializer.destroy();
	}

	@Test
	void retriesUntilBrokerAnswers() {
		given(this.kafkaAdmin.initialize()).willThrow(new IllegalStateException("Could not configure topics"))
			.willThrow(new IllegalStateException("Could not configure topics"))
			.willReturn(true);

		boolean first = this.initializer.initialize();

		assertThat(first).isFalse();
		verify(this.kafkaAdmin, timeout(5000).times(3)).initialize();
	}

	@Test
	void stopsAfterSuccess() throws InterruptedException {
		given(this.kafkaAdmin.initialize()).willReturn(true);

		boolean first = this.initializer.initialize();
		Thread.sleep(200);

		assertThat(first).isTrue();
		verify(this.kafkaAdmin, times(1)).initialize();
	}

}
