package ch.petziwebhook.ingest.rejection;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private final AtomicLong nanoTime = new AtomicLong();

	@Test
	void allowsBurstThenRejects() {
		RateLimiter limiter = new RateLimiter(3, this.nanoTime::get);

		int allowed = acquireAll(limiter, 10);

		assertThat(allowed).isEqualTo(3);
	}

	@Test
	void refillsOverTime() {
		RateLimiter limiter = new RateLimiter(4, this.nanoTime::get);
		acquireAll(limiter, 10);

		this.nanoTime.addAndGet(500_000_000L);

		assertThat(acquireAll(limiter, 10)).isEqualTo(2);
	}

	@Test
	void allowsOneBelowOnePerSecond() {
		RateLimiter limiter = new RateLimiter(0.5, this.nanoTime::get);

		assertThat(acquireAll(limiter, 10)).isEqualTo(1);
	}

	private static int acquireAll(RateLimiter limiter, int attempts) {
		int allowed = 0;
		for (int i = 0; i < attempts; i++) {
			if (limiter.tryAcquire()) {
				allowed++;
			}
		}
		return allowed;
	}

}
