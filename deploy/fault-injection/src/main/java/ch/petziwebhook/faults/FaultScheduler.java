package ch.petziwebhook.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runner of a fault schedule against the stack: at each fault's time it kills the targets
 * with SIGKILL, waits, restarts them in order and waits until they are ready. The fault
 * window it reports lasts from the kill until every target is ready again.
 */
final class FaultScheduler implements Runnable {

	/** Window of sends while no fault is active. */
	static final String NO_FAULT = "no fault";

	/**
	 * Minimum time between one fault's recovery and the next kill, so that a slow restart
	 * never merges two fault windows.
	 */
	private static final Duration QUIET_AFTER_RECOVERY = Duration.ofSeconds(10);

	private final Stack stack;

	private final FaultSchedule schedule;

	private final long startNanos;

	private final List<FaultWindow> recorded = new CopyOnWriteArrayList<>();

	private volatile Exception failure;

	private volatile boolean done;

	FaultScheduler(Stack stack, FaultSchedule schedule, long startNanos) {
		this.stack = stack;
		this.schedule = schedule;
		this.startNanos = startNanos;
	}

	/**
	 * Returns the window names in table order: no fault first, then the faults in order.
	 */
	static List<String> windows(FaultSchedule schedule) {
		List<String> windows = new ArrayList<>();
		windows.add(NO_FAULT);
		for (Fault fault : schedule.faults()) {
			if (!windows.contains(fault.label())) {
				windows.add(fault.label());
			}
		}
		return windows;
	}

	/**
	 * Returns the window of a send that started and finished at the given times: the
	 * first fault window the send overlaps, so a request in flight at a kill counts in
	 * that fault's window, else {@link #NO_FAULT}.
	 */
	String windowOf(long startedNanos, long finishedNanos) {
		return windowOf(this.recorded, startedNanos, finishedNanos);
	}

	static String windowOf(List<FaultWindow> windows, long startedNanos, long finishedNanos) {
		for (FaultWindow window : windows) {
			if (startedNanos <= window.endNanos() && finishedNanos >= window.startNanos()) {
				return window.label();
			}
		}
		return NO_FAULT;
	}

	/** Returns whether every fault ran or the schedule stopped. */
	boolean isDone() {
		return this.done;
	}

	/** Returns what stopped the schedule, or {@code null} when every fault ran. */
	Exception failure() {
		return this.failure;
	}

	@Override
	public void run() {
		try {
			long earliestNanos = 0;
			for (Fault fault : this.schedule.faults()) {
				sleepUntil(Math.max(fault.at().toNanos(), earliestNanos));
				inject(fault);
				earliestNanos = System.nanoTime() - this.startNanos + QUIET_AFTER_RECOVERY.toNanos();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			this.failure = ex;
			System.out.printf("ERROR: %s%n", ex.getMessage());
		}
		finally {
			this.done = true;
		}
	}

	private void inject(Fault fault) throws Exception {
		FaultWindow window = new FaultWindow(fault.label(), System.nanoTime(), Long.MAX_VALUE);
		this.recorded.add(window);
		for (Target target : EnumSet.copyOf(fault.targets())) {
			this.stack.kill(target);
		}
		System.out.printf("%5ds  killed %s with SIGKILL%n", elapsedSeconds(), fault.label());
		Thread.sleep(fault.downFor().toMillis());
		for (Target target : EnumSet.copyOf(fault.targets())) {
			this.stack.restart(target);
		}
		this.recorded.set(this.recorded.indexOf(window),
				new FaultWindow(window.label(), window.startNanos(), System.nanoTime()));
		System.out.printf("%5ds  %s ready again%n", elapsedSeconds(), fault.label());
	}

	private void sleepUntil(long offsetNanos) throws InterruptedException {
		long waitNanos = this.startNanos + offsetNanos - System.nanoTime();
		if (waitNanos > 0) {
			Thread.sleep(waitNanos / 1_000_000);
		}
	}

	private long elapsedSeconds() {
		return (System.nanoTime() - this.startNanos) / 1_000_000_000L;
	}

	/**
	 * The time a fault was active, in {@link System#nanoTime()} units.
	 *
	 * @param label the fault's label
	 * @param startNanos when the kill began
	 * @param endNanos when every target was ready again, {@link Long#MAX_VALUE} while the
	 * fault lasts
	 */
	record FaultWindow(String label, long startNanos, long endNanos) {

	}

}
