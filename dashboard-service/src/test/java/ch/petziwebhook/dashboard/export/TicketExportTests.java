package ch.petziwebhook.dashboard.export;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.dashboard.ReadModelFixtures.TicketRow;
import ch.petziwebhook.model.test.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of the CSV exports {@code /api/events/{id}/tickets.csv} and
 * {@code /download_csv?event_id=}.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TicketExportTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	private ReadModelFixtures fixtures;

	private long festival;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void seedFestival() {
		this.fixtures = new ReadModelFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
		this.fixtures.aFestivalTicketWithThreeSessions();
		this.festival = this.jdbcClient.sql("SELECT id FROM read_model.events WHERE petzi_event_id = 61234")
			.query(Long.class)
			.single();
	}

	@Test
	void startsWithByteOrderMark() throws Exception {
		byte[] body = export("").andReturn().getResponse().getContentAsByteArray();

		assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
	}

	@Test
	void answersCsvAttachmentNamedAfterEvent() throws Exception {
		ResultActions result = export("");

		result.andExpect(status().isOk());
		result.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"));
		result.andExpect(header().string("Content-Disposition",
				containsString("filename=\"gurten-festival-2025_2025-07-18.csv\"")));
	}

	@Test
	void writesOneRowPerSession() throws Exception {
		List<CSVRecord> rows = parse(export(""), ',');

		assertThat(rows).hasSize(3);
		assertThat(rows).extracting((row) -> row.get("session_name")).containsExactly("Freitag", "Samstag", "Sonntag");
	}

	@Test
	void writesEveryTicketAndBuyerField() throws Exception {
		CSVRecord row = parse(export(""), ',').get(0);

		assertThat(row.get("ticket_number")).isEqualTo("FEST-0001");
		assertThat(row.get("ticket_title")).isEqualTo("3-Tagespass 🎉");
		assertThat(row.get("price_amount")).isEqualTo("52.50");
		assertThat(row.get("buyer_first_name")).isEqualTo("Zoë");
		assertThat(row.get("buyer_email")).isEqualTo("zoe@example.com");
		assertThat(row.get("buyer_postcode")).isEqualTo("3012");
		assertThat(row.get("event_id")).isEqualTo("61234");
		assertThat(row.get("location_name")).isEqualTo("Gurten Kulm");
		assertThat(row.get("session_doors")).isEqualTo("13:30:00");
	}

	@Test
	void timesAreZurichTime() throws Exception {
		CSVRecord row = parse(export(""), ',').get(0);

		assertThat(row.get("generated_at")).isEqualTo("2025-03-01T10:15:30+01:00");
	}

	@Test
	void semicolonDelimiterIsApplied() throws Exception {
		List<CSVRecord> rows = parse(export("?delimiter=;"), ';');

		assertThat(rows.get(0).get("ticket_number")).isEqualTo("FEST-0001");
	}

	@Test
	void ticketWithoutSessionsHasOneRow() throws Exception {
		this.fixtures
			.aTicket(TicketRow.aValidTicket("NOSESSION", this.festival, OffsetDateTime.parse("2025-04-01T10:00:00Z")));

		List<CSVRecord> rows = parse(export(""), ',');

		assertThat(rows).filteredOn((row) -> row.get("ticket_number").equals("NOSESSION")).hasSize(1);
	}

	@Test
	void formulaCellsAreNeutralised() throws Exception {
		this.fixtures.aTicket(new TicketRow("FORMULA", "online_presale", "=HYPERLINK(\"http://evil\")", "@cat",
				this.festival, "valid", "", null, OffsetDateTime.parse("2025-04-01T10:00:00Z"), new BigDecimal("1.00"),
				"CHF", "customer", "+41", "-Minus", "\tmail@example.com", "\r3000"));

		CSVRecord row = parse(export(""), ',').stream()
			.filter((record) -> record.get("ticket_number").equals("FORMULA"))
			.findFirst()
			.orElseThrow();

		assertThat(row.get("ticket_title")).isEqualTo("'=HYPERLINK(\"http://evil\")");
		assertThat(row.get("ticket_category")).isEqualTo("'@cat");
		assertThat(row.get("buyer_first_name")).isEqualTo("'+41");
		assertThat(row.get("buyer_last_name")).isEqualTo("'-Minus");
		assertThat(row.get("buyer_email")).isEqualTo("'\tmail@example.com");
		assertThat(row.get("buyer_postcode")).isEqualTo("'\r3000");
	}

	@Test
	void otherEventsTicketsAreLeftOut() throws Exception {
		long other = this.fixtures.anEvent(2L, "Other", "P");
		this.fixtures.aTicket(TicketRow.aValidTicket("OTHER-1", other, OffsetDateTime.parse("2025-04-01T10:00:00Z")));

		List<CSVRecord> rows = parse(export(""), ',');

		assertThat(rows).extracting((row) -> row.get("ticket_number")).doesNotContain("OTHER-1");
	}

	@Test
	void flaskPathUsesPetziEventId() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/download_csv?event_id=61234").with(user("viewer")));

		assertThat(parse(result, ',')).hasSize(3);
	}

	@Test
	void flaskPathWithTextIdIsBadRequest() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/download_csv?event_id=61234;DROP").with(user("viewer")));

		result.andExpect(status().isBadRequest());
		result.andExpect(jsonPath("$.detail").value(containsString("'event_id'")));
	}

	@Test
	void flaskPathWithoutIdIsBadRequest() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/download_csv").with(user("viewer")));

		result.andExpect(status().isBadRequest());
	}

	@Test
	void unknownDelimiterIsBadRequest() throws Exception {
		ResultActions result = export("?delimiter=|");

		result.andExpect(status().isBadRequest());
		result.andExpect(jsonPath("$.detail").value(containsString("'delimiter'")));
	}

	@Test
	void unknownEventIsNotFound() throws Exception {
		ResultActions result = this.mockMvc.perform(get("/api/events/987654/tickets.csv").with(user("viewer")));

		result.andExpect(status().isNotFound());
	}

	private ResultActions export(String query) throws Exception {
		return this.mockMvc.perform(get("/api/events/" + this.festival + "/tickets.csv" + query).with(user("viewer")));
	}

	private static List<CSVRecord> parse(ResultActions result, char delimiter) throws Exception {
		MvcResult mvcResult = result.andReturn();
		String body = new String(mvcResult.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setHeader()
			.setSkipHeaderRecord(true)
			.get();
		return format.parse(new StringReader(body.substring(1))).getRecords();
	}

}
