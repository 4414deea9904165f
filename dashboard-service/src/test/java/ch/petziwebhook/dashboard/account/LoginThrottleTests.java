package ch.petziwebhook.dashboard.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link LoginThrottle} with a clock the test moves.
 */
class LoginThrottleTests {

	private final MovableClock clock = new MovableClock();

	private final LoginThrottle throttle = new LoginThrottle(new LoginProperties(3, 5, Duration.ofMinutes(15)),
			this.clock);

	@Test
	void allowsBelowAccountLimit() {
		fail("anna", "10.0.0.1", 2);

		assertThat(this.throttle.isBlocked("anna", "10.0.0.1")).isFalse();
	}

	@Test
	void blocksAccountAtLimit() {
		fail("anna", "10.0.0.1", 3);

		assertThat(this.throttle.isBlocked("anna", "10.0.0.2")).isTrue();
	}

	@Test
	void accountLimitIgnoresCase() {
		fail("Anna", "10.0.0.1", 3);

		assertThat(this.throttle.isBlocked("anna", "10.0.0.9")).isTrue();
	}

	@Test
	void blockLeavesOtherAccountsAlone() {
		fail("anna", "10.0.0.1", 3);

		assertThat(this.throttle.isBlocked("ben", "10.0.0.2")).isFalse();
	}

	@Test
	void blocksAddressAtLimit() {
		for (int i = 0; i < 5; i++) {
			fail("user" + i, "10.0.0.1", 1);
		}

		assertThat(this.throttle.isBlocked("someone-else", "10.0.0.1")).isTrue();
	}

	@Test
	void blockEndsAfterWindow() {
		fail("anna", "10.0.0.1", 3);

		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));

		assertThat(this.throttle.isBlocked("anna", "10.0.0.1")).isFalse();
	}

	@Test
	void successResetsAccountFailures() {
		fail("anna", "10.0.0.1", 2);

		this.throttle.recordSuccess("anna");
		fail("anna", "10.0.0.1", 2);

		assertThat(this.throttle.isBlocked("anna", "10.0.0.3")).isFalse();
	}

	@Test
	void successKeepsAddressFailures() {
		fail("anna", "10.0.0.1", 2);
		fail("ben", "10.0.0.1", 2);

		this.throttle.recordSuccess("anna");
		fail("carl", "10.0.0.1", 1);

		assertThat(this.throttle.isBlocked("dora", "10.0.0.1")).isTrue();
	}

	private void fail(String username, String address, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.recordFailure(username, address);
		}
	}

	/**
	 * A fixed clock that moves only when the test advances it.
	 */
	static class MovableClock extends Clock {

		private Instant now = Instant.parse("2025-03-30T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
