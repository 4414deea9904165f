package ch.petziwebhook.dashboard.export;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.dashboard.ReadModelFixtures.TicketRow;
import ch.petziwebhook.model.test.PropertyCheck;
import ch.petziwebhook.model.test.RandomInputs;
import ch.petziwebhook.model.test.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Property test of the whole CSV export, from the read model in PostgreSQL to the parsed
 * file: tickets with arbitrary Unicode in every text column come back one row each, with
 * every cell as stored or neutralised.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TicketExportPropertiesTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final int TICKETS_PER_TRY = 40;

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void arbitraryTextRoundTripsThroughExport() {
		PropertyCheck.forAll(5, (inputs) -> inputs, (inputs) -> {
			ReadModelFixtures fixtures = new ReadModelFixtures(this.jdbcClient);
			fixtures.deleteAll();
			long event = fixtures.anEvent(null, text(inputs), text(inputs));
			long location = fixtures.aLocation(text(inputs), text(inputs), text(inputs), text(inputs));
			long session = fixtures.aSession(event, location, text(inputs), LocalDate.of(2025, 7, 18), LocalTime.NOON,
					null);
			List<TicketRow> tickets = tickets(inputs, event);
			tickets.forEach(fixtures::aTicket);
			tickets.forEach((ticket) -> fixtures.aTicketSession(ticket.number(), 0, session));

			for (CsvDelimiter delimiter : CsvDelimiter.values()) {
				assertExported(tickets, export(event, delimiter));
			}
		});
	}

	private void assertExported(List<TicketRow> tickets, List<CSVRecord> rows) {
		assertThat(rows).as("rows").hasSize(tickets.size());
		Map<String, CSVRecord> byNumber = rows.stream()
			.collect(Collectors.toMap((row) -> row.get("ticket_number"), Function.identity()));
		for (TicketRow ticket : tickets) {
			CSVRecord row = byNumber.get(ticket.number());

			assertThat(row).as("row of %s", ticket.number()).isNotNull();
			assertThat(row.get("ticket_type")).isEqualTo(expected(ticket.type()));
			assertThat(row.get("ticket_title")).isEqualTo(expected(ticket.title()));
			assertThat(row.get("ticket_category")).isEqualTo(expected(ticket.category()));
			assertThat(row.get("cancellation_reason")).isEqualTo(expected(ticket.cancellationReason()));
			assertThat(row.get("buyer_role")).isEqualTo(expected(ticket.buyerRole()));
			assertThat(row.get("buyer_first_name")).isEqualTo(expected(ticket.buyerFirstName()));
			assertThat(row.get("buyer_last_name")).isEqualTo(expected(ticket.buyerLastName()));
			assertThat(row.get("buyer_email")).isEqualTo(expected(ticket.buyerEmail()));
			assertThat(row.get("buyer_postcode")).isEqualTo(expected(ticket.buyerPostcode()));
		}
		for (CSVRecord row : rows) {
			assertThat(row.values()).as("cells of %s", row.get("ticket_number"))
				.allSatisfy((cell) -> assertThat(cell).doesNotStartWith("=")
					.doesNotStartWith("+")
					.doesNotStartWith("-")
					.doesNotStartWith("@")
					.doesNotStartWith("\t")
					.doesNotStartWith("\r"));
		}
	}

	private List<CSVRecord> export(long event, CsvDelimiter delimiter) throws Exception {
		byte[] body = this.mockMvc
			.perform(get("/api/events/" + event + "/tickets.csv?delimiter=" + delimiter.character())
				.with(user("viewer")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		String csv = new String(body, StandardCharsets.UTF_8).substring(1);
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter.character())
			.setHeader()
			.setSkipHeaderRecord(true)
			.get();
		return format.parse(new StringReader(csv)).getRecords();
	}

	private static List<TicketRow> tickets(RandomInputs inputs, long event) {
		List<TicketRow> tickets = new ArrayList<>();
		OffsetDateTime soldAt = OffsetDateTime.parse("2025-04-01T10:00:00Z");
		for (int i = 0; i < TICKETS_PER_TRY; i++) {
			tickets.add(new TicketRow("P" + i + "-" + inputs.hex(8), text(inputs), text(inputs), text(inputs), event,
					"valid", text(inputs), soldAt, soldAt.plusSeconds(i), new BigDecimal("25.00"), "CHF", text(inputs),
					text(inputs), text(inputs), text(inputs), text(inputs)));
		}
		return tickets;
	}

	// Cells are often null, and often start with a formula character.
	private static String text(RandomInputs inputs) {
		return switch (inputs.nextInt(4)) {
			case 0 -> null;
			case 1 -> inputs.pick(List.of("=", "+", "-", "@", "\t", "\r")) + inputs.storableText(30);
			default -> inputs.storableText(30);
		};
	}

	private static String expected(String stored) {
		return (stored != null) ? CsvCells.neutralise(stored) : "";
	}

}
