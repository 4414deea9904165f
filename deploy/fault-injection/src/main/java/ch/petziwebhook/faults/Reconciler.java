package ch.petziwebhook.faults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reconciler of what the sender sent with what the raw topic, the read model and the
 * ticket topic hold after a run.
 * <ul>
 * <li>An accepted (200) send must be in the raw topic exactly once, under the delivery id
 * of its response, and in the projector's delivery log. Extra records under that id count
 * as "same id twice".</li>
 * <li>A send that got no 200 may or may not be in the raw topic: ingest may have written
 * it before the connection broke. Raw records under unknown delivery ids are matched to
 * the not-accepted sends of the same body; records left over count as doubled.</li>
 * <li>Every ticket's row must carry the state of the newest delivery in the raw topic, by
 * signature timestamp, and the latest {@code petzi.tickets} document must equal the
 * row.</li>
 * </ul>
 */
final class Reconciler {

	/** Window of raw records that no send explains. */
	static final String NO_SEND = "(no send)";

	private static final int MAX_EXAMPLES = 20;

	private final Map<String, Counter> counters = new LinkedHashMap<>();

	private final List<String> examples = new ArrayList<>();

	private Reconciler(List<String> windows) {
		for (String window : windows) {
			counter(window);
		}
	}

	/**
	 * Reconciles one run.
	 * @param windows the fault windows in the order of the table
	 * @param sends every send of the run
	 * @param raw every record of the raw topic
	 * @param projected the delivery ids in the projector's delivery log
	 * @param rows the read-model rows by ticket number
	 * @param documents the latest ticket documents by ticket number
	 * @return the counts per window and examples of what went wrong
	 */
	static Reconciliation reconcile(List<String> windows, List<SendResult> sends, List<RawRecord> raw,
			Set<String> projected, Map<String, TicketState> rows, Map<String, TicketState> documents) {
		Reconciler reconciler = new Reconciler(windows);
		Map<SendResult, String> recordOfSend = reconciler.matchRecords(sends, raw, projected);
		reconciler.checkStates(sends, recordOfSend, rows, documents);
		return new Reconciliation(reconciler.counters.values().stream().map(Counter::toCounts).toList(),
				List.copyOf(reconciler.examples));
	}

	/** Counts sends per window and returns the raw delivery id found for each send. */
	private Map<SendResult, String> matchRecords(List<SendResult> sends, List<RawRecord> raw, Set<String> projected) {
		Map<String, Integer> copies = new HashMap<>();
		for (RawRecord record : raw) {
			copies.merge(record.deliveryId(), 1, Integer::sum);
		}
		Set<String> acceptedIds = new HashSet<>();
		Map<SendResult, String> recordOfSend = new HashMap<>();
		for (SendResult send : sends) {
			Counter counter = counter(send.window());
			counter.sent++;
			if (send.accepted()) {
				counter.accepted++;
				acceptedIds.add(send.deliveryId());
				countAccepted(send, copies.getOrDefault(send.deliveryId(), 0), projected, counter);
				if (copies.containsKey(send.deliveryId())) {
					recordOfSend.put(send, send.deliveryId());
				}
			}
			else {
				counter.notAccepted++;
			}
		}
		matchUnacknowledged(sends, raw, acceptedIds, projected, recordOfSend);
		return recordOfSend;
	}

	private void countAccepted(SendResult send, int copies, Set<String> projected, Counter counter) {
		if (copies > 0) {
			counter.inTopic++;
		}
		if (projected.contains(send.deliveryId())) {
			counter.projected++;
		}
		if (copies == 0 || !projected.contains(send.deliveryId())) {
			counter.missing++;
			example("missing", send, (copies == 0) ? "not in the raw topic" : "not in the delivery log");
		}
		if (copies > 1) {
			counter.idCopies++;
			example("same id twice", send, copies + " raw records with its delivery id");
		}
	}

	private void matchUnacknowledged(List<SendResult> sends, List<RawRecord> raw, Set<String> acceptedIds,
			Set<String> projected, Map<SendResult, String> recordOfSend) {
		Map<String, List<SendResult>> unacceptedByBody = new HashMap<>();
		for (SendResult send : sends) {
			if (!send.accepted()) {
				unacceptedByBody.computeIfAbsent(send.bodyKey(), (key) -> new ArrayList<>()).add(send);
			}
		}
		Map<String, SendResult> lastSendOfBody = new HashMap<>();
		for (SendResult send : sends) {
			lastSendOfBody.put(send.bodyKey(), send);
		}
		Set<String> seen = new HashSet<>();
		for (RawRecord record : raw) {
			if (acceptedIds.contains(record.deliveryId())) {
				continue;
			}
			List<SendResult> candidates = unacceptedByBody.getOrDefault(record.bodyKey(), new ArrayList<>());
			if (seen.add(record.deliveryId()) && !candidates.isEmpty()) {
				SendResult send = candidates.remove(0);
				recordOfSend.put(send, record.deliveryId());
				Counter counter = counter(send.window());
				counter.inTopic++;
				if (projected.contains(record.deliveryId())) {
					counter.projected++;
				}
				continue;
			}
			SendResult last = lastSendOfBody.get(record.bodyKey());
			counter((last != null) ? last.window() : NO_SEND).doubled++;
			addExample("doubled: raw record " + record.deliveryId() + " of body " + record.bodyKey()
					+ " matches no send that could explain it");
		}
	}

	private void checkStates(List<SendResult> sends, Map<SendResult, String> recordOfSend,
			Map<String, TicketState> rows, Map<String, TicketState> documents) {
		Map<String, SendResult> newest = new HashMap<>();
		Map<String, SendResult> lastSend = new HashMap<>();
		for (SendResult send : sends) {
			lastSend.put(send.ticket(), send);
			if (recordOfSend.containsKey(send)) {
				newest.merge(send.ticket(), send, (a, b) -> newer(a, b));
			}
		}
		Set<String> tickets = new HashSet<>(lastSend.keySet());
		tickets.addAll(rows.keySet());
		tickets.addAll(documents.keySet());
		for (String ticket : tickets.stream().sorted().toList()) {
			SendResult expected = newest.get(ticket);
			SendResult attributed = (expected != null) ? expected : lastSend.get(ticket);
			Counter counter = counter((attributed != null) ? attributed.window() : NO_SEND);
			checkRow(ticket, expected, rows.get(ticket), counter);
			checkDocument(ticket, rows.get(ticket), documents.get(ticket), counter);
		}
	}

	private void checkRow(String ticket, SendResult expected, TicketState row, Counter counter) {
		String expectedState = (expected != null) ? expected.state() : null;
		String actualState = (row != null) ? row.state() : null;
		if (!Objects.equals(expectedState, actualState)) {
			counter.wrongState++;
			addExample("wrong state: ticket " + ticket + " is " + actualState + ", expected " + expectedState);
		}
	}

	private void checkDocument(String ticket, TicketState row, TicketState document, Counter counter) {
		if (!Objects.equals(row, document)) {
			counter.documentMismatch++;
			addExample("document mismatch: ticket " + ticket + " row " + row + ", document " + document);
		}
	}

	/**
	 * Two sends of one ticket never share a signature timestamp unless they carry the
	 * same body.
	 */
	private static SendResult newer(SendResult a, SendResult b) {
		return Comparator.comparingLong(SendResult::signatureTimestamp).compare(a, b) >= 0 ? a : b;
	}

	private void example(String problem, SendResult send, String detail) {
		addExample(problem + ": send " + send.id() + " (ticket " + send.ticket() + ", delivery " + send.deliveryId()
				+ ", window " + send.window() + ") " + detail);
	}

	private void addExample(String text) {
		if (this.examples.size() < MAX_EXAMPLES) {
			this.examples.add(text);
		}
	}

	private Counter counter(String window) {
		return this.counters.computeIfAbsent(window, Counter::new);
	}

	/**
	 * Counts per fault window and up to twenty descriptions of problems found.
	 *
	 * @param windows the counts per window, in table order
	 * @param examples descriptions of the first problems found
	 */
	record Reconciliation(List<WindowCounts> windows, List<String> examples) {

		/** Sums the counts of every window. */
		WindowCounts total() {
			WindowCounts total = new WindowCounts("total", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
			for (WindowCounts window : this.windows) {
				total = total.plus(window);
			}
			return total;
		}

	}

	private static final class Counter {

		private final String window;

		private long sent;

		private long accepted;

		private long notAccepted;

		private long inTopic;

		private long projected;

		private long missing;

		private long idCopies;

		private long doubled;

		private long wrongState;

		private long documentMismatch;

		Counter(String window) {
			this.window = window;
		}

		WindowCounts toCounts() {
			return new WindowCounts(this.window, this.sent, this.accepted, this.notAccepted, this.inTopic,
					this.projected, this.missing, this.idCopies, this.doubled, this.wrongState, this.documentMismatch);
		}

	}

}
