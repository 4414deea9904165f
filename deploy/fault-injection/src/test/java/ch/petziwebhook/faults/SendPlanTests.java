package ch.petziwebhook.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ch.petziwebhook.faults.SendPlan.PlannedSend;
import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.PetziWebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SendPlanTests {

	private static final Duration TRAFFIC = Duration.ofSeconds(120);

	private final List<PlannedSend> plan = SendPlan.plan(50, TRAFFIC, 7, "T1");

	@Test
	void averagesRoughlyTheRate() {
		assertThat(this.plan.size()).isBetween(50 * 120 * 8 / 10, 50 * 120 * 12 / 10);
	}

	@Test
	void ordersSendsByTime() {
		assertThat(this.plan).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
	}

	@Test
	void endsWithinTraffic() {
		assertThat(this.plan.get(this.plan.size() - 1).at()).isLessThan(TRAFFIC);
	}

	@Test
	void repeatsSomeBodiesAsDuplicates() {
		Map<String, Long> sendsPerBody = new HashMap<>();
		this.plan.forEach((send) -> sendsPerBody.merge(send.bodyKey(), 1L, Long::sum));

		assertThat(sendsPerBody.values()).contains(2L);
	}

	@Test
	void sendsSomeOlderVersionsLate() {
		assertThat(lateSends()).isNotEmpty();
	}

	@Test
	void signsVersionsOfTicketInDistinctSeconds() {
		Map<String, List<PlannedSend>> byTicket = byTicket();

		for (List<PlannedSend> sends : byTicket.values()) {
			Map<Long, Integer> versionOfSecond = new HashMap<>();
			for (PlannedSend send : sends) {
				Integer earlier = versionOfSecond.putIfAbsent(send.signatureOffset(), send.version());
				assertThat(earlier).as("ticket %s second %d", send.ticket(), send.signatureOffset())
					.isIn(null, send.version());
			}
		}
	}

	@Test
	void cancelsSomeTickets() {
		assertThat(this.plan).anyMatch((send) -> send.state().endsWith(WebhookBodies.CANCELLATION_REASON));
	}

	@Test
	void bodiesAreTicketChanges() {
		PetziPayloadReader reader = new PetziPayloadReader();

		for (PlannedSend send : this.plan.subList(0, 200)) {
			PetziWebhook webhook = reader.readTicketChange(send.body());
			assertThat(webhook.ticket().number()).isEqualTo(send.ticket());
		}
	}

	@Test
	void bodyCarriesItsKey() {
		PlannedSend send = this.plan.get(0);

		assertThat(WebhookBodies.keyOf(send.body())).isEqualTo(send.bodyKey());
	}

	@Test
	void firstVersionIsCreate() {
		PlannedSend create = this.plan.stream().filter((send) -> send.version() == 0).findFirst().orElseThrow();

		assertThat(new PetziPayloadReader().read(create.body()).event()).isEqualTo(PetziWebhook.TICKET_CREATED);
	}

	@Test
	void samePlanForSameSeed() {
		List<PlannedSend> again = SendPlan.plan(50, TRAFFIC, 7, "T1");

		assertThat(again).extracting(PlannedSend::bodyKey)
			.containsExactlyElementsOf(this.plan.stream().map(PlannedSend::bodyKey).toList());
	}

	@Test
	void rejectsTooShortTraffic() {
		assertThatIllegalArgumentException().isThrownBy(() -> SendPlan.plan(50, Duration.ofSeconds(20), 1, "T1"))
			.withMessageContaining("too short");
	}

	/** Sends of a version planned after a send of a newer version of the same ticket. */
	private List<PlannedSend> lateSends() {
		List<PlannedSend> late = new ArrayList<>();
		for (List<PlannedSend> sends : byTicket().values()) {
			int newest = -1;
			for (PlannedSend send : sends) {
				if (send.version() < newest) {
					late.add(send);
				}
				newest = Math.max(newest, send.version());
			}
		}
		return late;
	}

	private Map<String, List<PlannedSend>> byTicket() {
		Map<String, List<PlannedSend>> byTicket = new HashMap<>();
		this.plan.forEach((send) -> byTicket.computeIfAbsent(send.ticket(), (key) -> new ArrayList<>()).add(send));
		return byTicket;
	}

}
