package ch.petziwebhook.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that queries a {@link Probe} in a loop for the watched ticket numbers that
 * exist, and records for each number the {@link System#nanoTime()} at which the first
 * lookup that found it started. A ticket became visible between the previous lookup and
 * that time, so the recorded time is late by at most one round of lookups plus the pause
 * between rounds.
 */
final class VisibilityWatcher implements AutoCloseable {

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final ConcurrentMap<String, Long> visibleAt = new ConcurrentHashMap<>();

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	private final Probe probe;

	private final Duration pause;

	private final Thread thread;

	private volatile boolean running = true;

	VisibilityWatcher(String name, Probe probe, Duration pause) {
		this.probe = probe;
		this.pause = pause;
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Adds a ticket number to look for. Call it before the webhook is sent.
	 * @param number the ticket number
	 */
	void watch(String number) {
		this.pending.add(number);
	}

	/**
	 * Returns when the ticket was first seen.
	 * @param number the ticket number
	 * @return the {@link System#nanoTime()} of the probe that first saw it, or
	 * {@code null} if none has yet
	 */
	Long visibleAt(String number) {
		return this.visibleAt.get(number);
	}

	/**
	 * Waits until every watched ticket was seen.
	 * @param timeout the longest wait
	 * @return the number of tickets still not seen
	 * @throws IllegalStateException if a probe failed
	 */
	int awaitAll(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.pending.isEmpty() && System.nanoTime() < deadline) {
			throwIfFailed();
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		throwIfFailed();
		return this.pending.size();
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
	}

	private void run() {
		while (this.running) {
			if (!this.pending.isEmpty()) {
				List<String> numbers = new ArrayList<>(this.pending);
				try {
					this.probe.visible(numbers).forEach((number, started) -> {
						this.visibleAt.putIfAbsent(number, started);
						this.pending.remove(number);
					});
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (Exception ex) {
					this.failure.compareAndSet(null, ex);
					return;
				}
			}
			LockSupport.parkNanos(this.pause.toNanos());
		}
	}

	private void throwIfFailed() {
		Exception ex = this.failure.get();
		if (ex != null) {
			throw new IllegalStateException("Failed to probe for tickets", ex);
		}
	}

	/**
	 * A way to look for tickets: the read model's table or the dashboard's API.
	 */
	@FunctionalInterface
	interface Probe {

		/**
		 * Looks for tickets.
		 * @param numbers the ticket numbers to look for
		 * @return those of them that exist, each with the {@link System#nanoTime()} at
		 * which the lookup that found it started
		 * @throws Exception if the lookup failed
		 */
		Map<String, Long> visible(List<String> numbers) throws Exception;

	}

}
