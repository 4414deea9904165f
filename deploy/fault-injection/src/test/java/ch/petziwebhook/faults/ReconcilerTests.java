package ch.petziwebhook.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ch.petziwebhook.faults.Reconciler.Reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerTests {

	private static final String TICKET = "FRTEST-000001";

	private static final List<String> WINDOWS = List.of(FaultScheduler.NO_FAULT, "kafka");

	private final List<SendResult> sends = new ArrayList<>();

	private final List<RawRecord> raw = new ArrayList<>();

	private final Set<String> projected = new HashSet<>();

	private final Map<String, TicketState> rows = new HashMap<>();

	private final Map<String, TicketState> documents = new HashMap<>();

	@Test
	void cleanRunHasNoProblems() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		acceptedAndProjected(2, FaultScheduler.NO_FAULT, 1, "d-2");
		ticketShows(1, "d-2");

		WindowCounts total = reconcile().total();

		assertThat(total.sent()).isEqualTo(2);
		assertThat(total.accepted()).isEqualTo(2);
		assertThat(total.inTopic()).isEqualTo(2);
		assertThat(total.projected()).isEqualTo(2);
		assertThat(total.hasProblems()).isFalse();
	}

	@Test
	void acceptedSendMissingFromTopic() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		this.sends.add(send(2, "kafka", 1, 200, "d-2"));
		ticketShows(0, "d-1");

		WindowCounts kafka = window(reconcile(), "kafka");

		assertThat(kafka.missing()).isEqualTo(1);
		assertThat(kafka.inTopic()).isZero();
	}

	@Test
	void acceptedSendNotProjected() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		this.sends.add(send(2, "kafka", 1, 200, "d-2"));
		this.raw.add(new RawRecord("d-2", WebhookBodies.key(TICKET, 1)));
		ticketShows(1, "d-2");

		WindowCounts kafka = window(reconcile(), "kafka");

		assertThat(kafka.missing()).isEqualTo(1);
		assertThat(kafka.projected()).isZero();
	}

	@Test
	void deliveryTwiceInTopicIsIdCopy() {
		acceptedAndProjected(1, "kafka", 0, "d-1");
		this.raw.add(new RawRecord("d-1", WebhookBodies.key(TICKET, 0)));
		ticketShows(0, "d-1");

		WindowCounts kafka = window(reconcile(), "kafka");

		assertThat(kafka.idCopies()).isEqualTo(1);
		assertThat(kafka.doubled()).isZero();
	}

	@Test
	void idCopyFailsOnlyStrictCheck() {
		acceptedAndProjected(1, "kafka", 0, "d-1");
		this.raw.add(new RawRecord("d-1", WebhookBodies.key(TICKET, 0)));
		ticketShows(0, "d-1");

		WindowCounts total = reconcile().total();

		assertThat(total.hasProblems()).isTrue();
		assertThat(total.hasProblemsBesidesIdCopies()).isFalse();
	}

	@Test
	void doubledFailsLenientCheck() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		this.raw.add(new RawRecord("d-extra", WebhookBodies.key(TICKET, 0)));
		ticketShows(0, "d-1");

		assertThat(reconcile().total().hasProblemsBesidesIdCopies()).isTrue();
	}

	@Test
	void unacceptedSendFoundInTopicIsNoProblem() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		this.sends.add(send(2, "kafka", 1, 0, null));
		this.raw.add(new RawRecord("d-unknown", WebhookBodies.key(TICKET, 1)));
		this.projected.add("d-unknown");
		ticketShows(1, "d-unknown");

		Reconciliation result = reconcile();

		assertThat(window(result, "kafka").inTopic()).isEqualTo(1);
		assertThat(result.total().hasProblems()).isFalse();
	}

	@Test
	void unacceptedSendAbsentIsNoProblem() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		this.sends.add(send(2, "kafka", 1, 503, null));
		ticketShows(0, "d-1");

		Reconciliation result = reconcile();

		assertThat(window(result, "kafka").notAccepted()).isEqualTo(1);
		assertThat(result.total().hasProblems()).isFalse();
	}

	@Test
	void recordNoSendExplainsIsDoubled() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		this.raw.add(new RawRecord("d-extra", WebhookBodies.key(TICKET, 0)));
		ticketShows(0, "d-1");

		assertThat(window(reconcile(), FaultScheduler.NO_FAULT).doubled()).isEqualTo(1);
	}

	@Test
	void recordOfUnknownBodyIsDoubled() {
		this.raw.add(new RawRecord("d-foreign", null));

		assertThat(window(reconcile(), Reconciler.NO_SEND).doubled()).isEqualTo(1);
	}

	@Test
	void olderStateInRowIsWrong() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		acceptedAndProjected(2, "kafka", 1, "d-2");
		ticketShows(0, "d-1");

		assertThat(window(reconcile(), "kafka").wrongState()).isEqualTo(1);
	}

	@Test
	void newestBySignatureTimeNotSendOrder() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 1, "d-1");
		acceptedAndProjected(2, FaultScheduler.NO_FAULT, 0, "d-2");
		ticketShows(1, "d-1");

		assertThat(reconcile().total().hasProblems()).isFalse();
	}

	@Test
	void missingRowIsWrongState() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");

		assertThat(reconcile().total().wrongState()).isEqualTo(1);
	}

	@Test
	void documentOfOtherDeliveryDiffers() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		this.rows.put(TICKET, new TicketState(TICKET, WebhookBodies.state(TICKET, 0, false), "d-1"));
		this.documents.put(TICKET, new TicketState(TICKET, WebhookBodies.state(TICKET, 0, false), "d-0"));

		WindowCounts total = reconcile().total();

		assertThat(total.documentMismatch()).isEqualTo(1);
		assertThat(total.wrongState()).isZero();
	}

	@Test
	void missingDocumentDiffers() {
		acceptedAndProjected(1, FaultScheduler.NO_FAULT, 0, "d-1");
		this.rows.put(TICKET, new TicketState(TICKET, WebhookBodies.state(TICKET, 0, false), "d-1"));

		assertThat(reconcile().total().documentMismatch()).isEqualTo(1);
	}

	@Test
	void keepsWindowOrderWithEmptyWindows() {
		assertThat(reconcile().windows()).extracting(WindowCounts::window)
			.containsExactly(FaultScheduler.NO_FAULT, "kafka");
	}

	@Test
	void examplesNameMissingDelivery() {
		this.sends.add(send(1, "kafka", 0, 200, "d-1"));

		assertThat(reconcile().examples()).anyMatch((example) -> example.startsWith("missing: send 1")
				&& example.contains("d-1") && example.contains("not in the raw topic"));
	}

	private Reconciliation reconcile() {
		return Reconciler.reconcile(WINDOWS, this.sends, this.raw, this.projected, this.rows, this.documents);
	}

	private void acceptedAndProjected(long id, String window, int version, String deliveryId) {
		this.sends.add(send(id, window, version, 200, deliveryId));
		this.raw.add(new RawRecord(deliveryId, WebhookBodies.key(TICKET, version)));
		this.projected.add(deliveryId);
	}

	private void ticketShows(int version, String deliveryId) {
		TicketState state = new TicketState(TICKET, WebhookBodies.state(TICKET, version, false), deliveryId);
		this.rows.put(TICKET, state);
		this.documents.put(TICKET, state);
	}

	private static SendResult send(long id, String window, int version, int status, String deliveryId) {
		return new SendResult(id, window, WebhookBodies.key(TICKET, version), TICKET, 1_000 + version,
				WebhookBodies.state(TICKET, version, false), status, deliveryId);
	}

	private static WindowCounts window(Reconciliation result, String name) {
		return result.windows().stream().filter((counts) -> counts.window().equals(name)).findFirst().orElseThrow();
	}

}
