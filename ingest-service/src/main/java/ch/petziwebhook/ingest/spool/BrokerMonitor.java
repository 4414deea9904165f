package ch.petziwebhook.ingest.spool;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Last known state of the Kafka broker as publishing saw it: {@code UP} after an
 * acknowledged record, {@code DOWN} after a failed one, {@code UNKNOWN} before either.
 */
public final class BrokerMonitor {

	/**
	 * State of the broker as the last publish attempt saw it.
	 */
	public enum State {

		UNKNOWN, UP, DOWN

	}

	private final Clock clock;

	private volatile State state = State.UNKNOWN;

	private volatile @Nullable Instant since;

	private volatile @Nullable String lastError;

	public BrokerMonitor(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Records that Kafka acknowledged a record.
	 */
	public void acknowledged() {
		if (this.state != State.UP) {
			this.state = State.UP;
			this.since = this.clock.instant();
		}
	}

	/**
	 * Records that Kafka did not acknowledge a record.
	 * @param error what went wrong, without record data
	 */
	public void failed(String error) {
		this.lastError = error;
		if (this.state != State.DOWN) {
			this.state = State.DOWN;
			this.since = this.clock.instant();
		}
	}

	public State state() {
		return this.state;
	}

	public @Nullable Instant since() {
		return this.since;
	}

	public @Nullable String lastError() {
		return this.lastError;
	}

}
