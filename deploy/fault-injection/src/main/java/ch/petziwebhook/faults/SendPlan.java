package ch.petziwebhook.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generator of the sends of a run. Each ticket gets a create, one to four updates two to
 * five seconds apart and, one time in five, a cancellation as its last version. One
 * version in seven is held back and sent just after the next one, still signed with its
 * own older time, and one send in ten is repeated with the same body and signature
 * shortly after.
 */
final class SendPlan {

	/** Average sends per ticket with the odds above, used to size the ticket count. */
	private static final double SENDS_PER_TICKET = 3.8;

	private static final Duration LONGEST_LIFETIME = Duration.ofSeconds(30);

	private final Random random;

	private SendPlan(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * One planned request.
	 *
	 * @param at when to send, counted from the start of the traffic
	 * @param ticket the ticket number
	 * @param version the ticket version the body carries
	 * @param bodyKey the body's {@value WebhookBodies#KEY_FIELD}
	 * @param body the body bytes
	 * @param signatureOffset the signature time in seconds after the start of the traffic
	 * @param state the state the body carries
	 */
	record PlannedSend(Duration at, String ticket, int version, String bodyKey, byte[] body, long signatureOffset,
			String state) {

	}

	/**
	 * Plans the sends of a run at an average rate, ordered by time.
	 * @param ratePerSecond the average number of sends per second
	 * @param traffic how long the traffic lasts, at least 40 seconds
	 * @param seed the random seed, so a run can be repeated
	 * @param runId a short id that makes the ticket numbers unique to the run
	 * @return the sends, ordered by {@code at}
	 */
	static List<PlannedSend> plan(int ratePerSecond, Duration traffic, long seed, String runId) {
		if (traffic.compareTo(LONGEST_LIFETIME.plusSeconds(10)) < 0) {
			throw new IllegalArgumentException("Traffic of " + traffic.toSeconds() + "s is too short; use at least "
					+ LONGEST_LIFETIME.plusSeconds(10).toSeconds() + "s");
		}
		SendPlan plan = new SendPlan(seed);
		long tickets = Math.max(1, Math.round(ratePerSecond * traffic.toSeconds() / SENDS_PER_TICKET));
		long latestStartMillis = traffic.minus(LONGEST_LIFETIME).toMillis();
		List<PlannedSend> sends = new ArrayList<>();
		for (long i = 0; i < tickets; i++) {
			long startMillis = latestStartMillis * i / tickets;
			sends.addAll(plan.ticket(String.format("FR%s-%06d", runId, i), startMillis));
		}
		sends.sort(Comparator.comparing(PlannedSend::at));
		return sends;
	}

	private List<PlannedSend> ticket(String ticket, long startMillis) {
		int versions = 2 + this.random.nextInt(4);
		boolean cancelled = this.random.nextInt(5) == 0;
		List<PlannedSend> sends = new ArrayList<>();
		long millis = startMillis;
		boolean heldBack = false;
		for (int version = 0; version < versions; version++) {
			long signatureOffset = millis / 1000;
			boolean cancels = cancelled && version == versions - 1;
			long sendMillis = millis;
			long next = millis + 2000 + this.random.nextInt(3000);
			// Held back: sent after the next version, which is still signed earlier than
			// this one's send.
			if (!heldBack && version < versions - 1 && this.random.nextInt(7) == 0) {
				sendMillis = next + 300 + this.random.nextInt(1000);
				heldBack = true;
			}
			else {
				heldBack = false;
			}
			PlannedSend send = new PlannedSend(Duration.ofMillis(sendMillis), ticket, version,
					WebhookBodies.key(ticket, version), WebhookBodies.body(ticket, version, cancels), signatureOffset,
					WebhookBodies.state(ticket, version, cancels));
			sends.add(send);
			if (this.random.nextInt(10) == 0) {
				sends.add(new PlannedSend(send.at().plusMillis(200 + this.random.nextInt(3000)), ticket, version,
						send.bodyKey(), send.body(), signatureOffset, send.state()));
			}
			millis = next;
		}
		return sends;
	}

}
