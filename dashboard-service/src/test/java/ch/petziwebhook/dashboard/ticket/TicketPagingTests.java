package ch.petziwebhook.dashboard.ticket;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.dashboard.ReadModelFixtures.TicketRow;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link TicketQueries} paging and search on a real PostgreSQL: pages in the
 * second half, which are read from the oldest end, keep the newest-first order, and the
 * search reads the projector's trigram indexes.
 */
@SpringBootTest
class TicketPagingTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final OffsetDateTime FIRST_SALE = OffsetDateTime.parse("2025-03-01T10:00:00Z");

	@Autowired
	private TicketQueries ticketQueries;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private DataSource dataSource;

	private ReadModelFixtures fixtures;

	private long event;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void deleteReadModel() {
		this.fixtures = new ReadModelFixtures(this.jdbcClient);
		this.fixtures.deleteAll();
		this.event = this.fixtures.anEvent(1L, "Festival", "P");
	}

	@Test
	void pagesFollowSaleOrderToEnd() {
		List<TicketRow> seeded = seedTickets(23);
		List<String> expected = seeded.stream()
			.sorted(Comparator.comparing(TicketRow::soldAt).thenComparing(TicketRow::number).reversed())
			.map(TicketRow::number)
			.toList();

		List<String> paged = new ArrayList<>();
		for (int page = 0; page < 5; page++) {
			this.ticketQueries.findPage(page, 5).content().forEach((ticket) -> paged.add(ticket.number()));
		}

		assertThat(paged).containsExactlyElementsOf(expected);
	}

	@Test
	void lastPageHoldsRemainder() {
		seedTickets(23);

		TicketPage last = this.ticketQueries.findPage(4, 5);

		assertThat(last.content()).hasSize(3);
		assertThat(last.totalElements()).isEqualTo(23);
	}

	@Test
	void pageBeyondLastKeepsTotal() {
		seedTickets(3);

		TicketPage beyond = this.ticketQueries.findPage(7, 5);

		assertThat(beyond.content()).isEmpty();
		assertThat(beyond.totalElements()).isEqualTo(3);
	}

	@Test
	void searchCountsTicketMatchingTwiceOnce() {
		this.fixtures.aTicket(withBuyer("ZWAHLEN-1", "Urs", "Zwahlen"));

		TicketPage found = this.ticketQueries.findPage(0, 20, "zwahlen");

		assertThat(found.totalElements()).isEqualTo(1);
	}

	@Test
	void searchFindsBuyerWithoutFirstName() {
		this.fixtures.aTicket(withBuyer("T-1", null, "Zwahlen"));

		TicketPage found = this.ticketQueries.findPage(0, 20, "zwahlen");

		assertThat(found.content()).extracting(TicketView::number).containsExactly("T-1");
	}

	@Test
	void searchReadsTrigramIndex() throws SQLException {
		String plan = explainWithoutSequentialScans("SELECT count(*) FROM read_model.tickets t "
				+ TicketQueries.MATCHING.replace(":pattern", "'%zoë%'").replace(":eventIds", "'{}'::bigint[]"));

		assertThat(plan).contains("tickets_search_trgm_idx");
	}

	@Test
	void searchFindsLastNameFirst() {
		this.fixtures.aTicket(withBuyer("T-1", "Urs", "Zwahlen"));

		TicketPage found = this.ticketQueries.findPage(0, 20, "zwahlen u");

		assertThat(found.content()).extracting(TicketView::number).containsExactly("T-1");
	}

	@Test
	void searchIgnoresTextAcrossBothOrders() {
		this.fixtures.aTicket(withBuyer("T-1", "Urs", "Zwahlen"));

		TicketPage found = this.ticketQueries.findPage(0, 20, "zwahlen\nzwahlen");

		assertThat(found.totalElements()).isZero();
	}

	@Test
	void searchIgnoresTextAcrossNumberAndName() {
		this.fixtures.aTicket(withBuyer("T-1", "Urs", "Zwahlen"));

		TicketPage found = this.ticketQueries.findPage(0, 20, "t-1\nurs");

		assertThat(found.totalElements()).isZero();
	}

	@Test
	void searchReadsLineBreakAsSpace() {
		this.fixtures.aTicket(withBuyer("T-1", "Urs", "Zwahlen"));

		TicketPage found = this.ticketQueries.findPage(0, 20, "urs\nzwahlen");

		assertThat(found.content()).extracting(TicketView::number).containsExactly("T-1");
	}

	@Test
	void searchFindsPartOfNumber() {
		this.fixtures.aTicket(withBuyer("XKCD2941J", "Urs", "Zwahlen"));

		TicketPage found = this.ticketQueries.findPage(0, 20, "d294");

		assertThat(found.content()).extracting(TicketView::number).containsExactly("XKCD2941J");
	}

	@Test
	void connectionsPlanEachSearchAnew() {
		String mode = this.jdbcClient.sql("SHOW plan_cache_mode").query(String.class).single();

		assertThat(mode).isEqualTo("force_custom_plan");
	}

	@Test
	void searchPagesFollowSaleOrder() {
		List<String> expected = seedTickets(23).stream()
			.sorted(Comparator.comparing(TicketRow::soldAt).thenComparing(TicketRow::number).reversed())
			.map(TicketRow::number)
			.toList();

		List<String> paged = new ArrayList<>();
		for (int page = 0; page < 5; page++) {
			this.ticketQueries.findPage(page, 5, "t-").content().forEach((ticket) -> paged.add(ticket.number()));
		}

		assertThat(paged).containsExactlyElementsOf(expected);
	}

	@Test
	void searchLastPageHasRemainder() {
		seedTickets(23);

		TicketPage last = this.ticketQueries.findPage(4, 5, "t-");

		assertThat(last.content()).hasSize(3);
		assertThat(last.totalPages()).isEqualTo(5);
	}

	@Test
	void searchCountsExactlyUnderLimit() {
		seedTickets(23);

		TicketPage found = this.ticketQueries.findPage(0, 5, "t-");

		assertThat(found.totalElements()).isEqualTo(23);
		assertThat(found.totalCapped()).isFalse();
	}

	@Test
	void searchCapsCountAtLimit() {
		seedTickets(TicketQueries.SEARCH_COUNT_LIMIT + 10);

		TicketPage found = this.ticketQueries.findPage(0, 20, "t-");

		assertThat(found.totalElements()).isEqualTo(TicketQueries.SEARCH_COUNT_LIMIT);
		assertThat(found.totalCapped()).isTrue();
	}

	@Test
	void searchBeyondCapReachesLastPage() {
		seedTickets(TicketQueries.SEARCH_COUNT_LIMIT + 10);

		TicketPage last = this.ticketQueries.findPage(TicketQueries.SEARCH_COUNT_LIMIT / 20, 20, "t-");

		assertThat(last.content()).hasSize(10);
		assertThat(last.totalElements()).isEqualTo(TicketQueries.SEARCH_COUNT_LIMIT + 10);
		assertThat(last.totalCapped()).isFalse();
	}

	// Tickets sold a minute apart, every third one at the same time as the one before, so
	// that the ticket number decides their order.
	private List<TicketRow> seedTickets(int count) {
		List<TicketRow> tickets = new ArrayList<>();
		OffsetDateTime soldAt = FIRST_SALE;
		for (int i = 1; i <= count; i++) {
			if (i % 3 != 0) {
				soldAt = soldAt.plusMinutes(1);
			}
			TicketRow ticket = TicketRow.aValidTicket("T-%04d".formatted(i), this.event, soldAt);
			this.fixtures.aTicket(ticket);
			tickets.add(ticket);
		}
		return tickets;
	}

	private TicketRow withBuyer(String number, String firstName, String lastName) {
		TicketRow ticket = TicketRow.aValidTicket(number, this.event, FIRST_SALE);
		return new TicketRow(ticket.number(), ticket.type(), ticket.title(), ticket.category(), ticket.eventId(),
				ticket.status(), ticket.cancellationReason(), ticket.generatedAt(), ticket.soldAt(),
				ticket.priceAmount(), ticket.priceCurrency(), ticket.buyerRole(), firstName, lastName,
				ticket.buyerEmail(), ticket.buyerPostcode());
	}

	// A handful of rows would always be read sequentially; without that choice the plan
	// shows which indexes fit the query's expressions.
	private String explainWithoutSequentialScans(String sql) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("SET enable_seqscan = off");
			try (ResultSet rs = statement.executeQuery("EXPLAIN " + sql)) {
				while (rs.next()) {
					plan.append(rs.getString(1)).append('\n');
				}
			}
			finally {
				statement.execute("RESET enable_seqscan");
			}
		}
		return plan.toString();
	}

}
