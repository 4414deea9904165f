package ch.petziwebhook.projector.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class KafkaHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	private static final Duration CACHE_TIME = Duration.ofSeconds(5);

	private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");

	private final Admin admin = mock(Admin.class);

	@Test
	void upWhenClusterAnswers() {
		givenClusterAnswers();

		Health health = indicator(Clock.fixed(START, ZoneOffset.UTC)).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("clusterId", "cluster-1");
		assertThat(health.getDetails()).containsEntry("brokers", 1);
	}

	@Test
	void downWhenClusterFails() {
		givenClusterFails();

		Health health = indicator(Clock.fixed(START, ZoneOffset.UTC)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void reusesResultWithinCacheTime() {
		givenClusterAnswers();
		KafkaHealthIndicator indicator = indicator(Clock.fixed(START, ZoneOffset.UTC));

		indicator.health();
		indicator.health();

		verify(this.admin, times(1)).describeCluster(any(DescribeClusterOptions.class));
	}

	@Test
	void checksAgainAfterCacheTime() {
		givenClusterAnswers();
		MovingClock clock = new MovingClock();
		KafkaHealthIndicator indicator = indicator(clock);

		indicator.health();
		clock.now = START.plus(CACHE_TIME);
		indicator.health();

		verify(this.admin, times(2)).describeCluster(any(DescribeClusterOptions.class));
	}

	@Test
	void waitsNoLongerThanTimeout() {
		DescribeClusterResult pending = mock(DescribeClusterResult.class);
		given(pending.clusterId()).willReturn(new KafkaFutureImpl<>());
		given(pending.nodes()).willReturn(new KafkaFutureImpl<>());
		given(this.admin.describeCluster(any(DescribeClusterOptions.class))).willReturn(pending);

		Health health = indicator(Clock.fixed(START, ZoneOffset.UTC)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
	}

	private KafkaHealthIndicator indicator(Clock clock) {
		return new KafkaHealthIndicator(this.admin, TIMEOUT, CACHE_TIME, clock);
	}

	private void givenClusterAnswers() {
		DescribeClusterResult result = mock(DescribeClusterResult.class);
		given(result.clusterId()).willReturn(KafkaFuture.completedFuture("cluster-1"));
		given(result.nodes()).willReturn(KafkaFuture.completedFuture(List.of(new Node(1, "127.0.0.1", 9092))));
		given(this.admin.describeCluster(any(DescribeClusterOptions.class))).willReturn(result);
	}

	private void givenClusterFails() {
		KafkaFutureImpl<String> failed = new KafkaFutureImpl<>();
		failed.completeExceptionally(new TimeoutException("Timed out waiting for a node assignment"));
		DescribeClusterResult result = mock(DescribeClusterResult.class);
		given(result.clusterId()).willReturn(failed);
		given(this.admin.describeCluster(any(DescribeClusterOptions.class))).willReturn(result);
	}

	/**
	 * Clock whose instant a test moves.
	 */
	private static final class MovingClock extends Clock {

		private Instant now = START;

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
