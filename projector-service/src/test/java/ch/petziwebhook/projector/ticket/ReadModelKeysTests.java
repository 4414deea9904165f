package ch.petziwebhook.projector.ticket;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import ch.petziwebhook.model.Location;
import ch.petziwebhook.model.Session;
import ch.petziwebhook.model.Ticket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Natural keys and the ids derived from them.
 */
class ReadModelKeysTests {

	@Test
	void eventKeyUsesPetziEventId() {
		assertThat(ReadModelKeys.eventKey(aTicket(61234L, "Concert"))).isEqualTo("petzi:61234");
	}

	@Test
	void eventKeyFallsBackToName() {
		assertThat(ReadModelKeys.eventKey(aTicket(null, "Concert"))).isEqualTo("name:Concert");
	}

	@Test
	void locationKeyKeepsPartsApart() {
		String joined = ReadModelKeys.locationKey(new Location("Salle\",\"A", "Rue", "City", "2000"));

		String split = ReadModelKeys.locationKey(new Location("Salle", "A\",\"Rue", "City", "2000"));

		assertThat(joined).isNotEqualTo(split);
	}

	@Test
	void locationKeyTellsNullFromEmpty() {
		String withNull = ReadModelKeys.locationKey(new Location("Salle", null, "City", "2000"));

		String withEmpty = ReadModelKeys.locationKey(new Location("Salle", "", "City", "2000"));

		assertThat(withNull).isNotEqualTo(withEmpty);
	}

	@Test
	void sessionKeyKeepsSecondsOfTime() {
		Session session = new Session("Concert", LocalDate.of(2025, 4, 12), LocalTime.of(21, 0), null, null);

		assertThat(ReadModelKeys.sessionKey("petzi:1", session, null))
			.isEqualTo("[\"petzi:1\",\"Concert\",\"2025-04-12\",\"21:00:00\",null]");
	}

	@Test
	void idIsStableForKey() {
		assertThat(ReadModelKeys.idOf("petzi:61234")).isEqualTo(ReadModelKeys.idOf("petzi:61234"));
	}

	@Test
	void idDiffersForOtherKey() {
		assertThat(ReadModelKeys.idOf("petzi:61234")).isNotEqualTo(ReadModelKeys.idOf("petzi:61235"));
	}

	@Test
	void idFitsJavaScriptNumber() {
		List<String> keys = List.of("petzi:1", "name:", "[\"a\",null]", "petzi:70011", "name:Nuit d’été 🎸");

		assertThat(keys).allSatisfy((key) -> assertThat(ReadModelKeys.idOf(key)).isBetween(0L, (1L << 53) - 1));
	}

	private static Ticket aTicket(Long eventId, String event) {
		return new Ticket("TEST1", null, null, null, eventId, event, null, null, null, List.of(), null);
	}

}
