package ch.petziwebhook.dashboard.ticket;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.dashboard.ReadModelFixtures.TicketRow;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link TicketQueries} that count the SQL statements a page costs.
 */
@SpringBootTest
class TicketQueriesTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final AtomicInteger statements = new AtomicInteger();

	@Autowired
	private TicketQueries ticketQueries;

	@Autowired
	private JdbcClient jdbcClient;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void seedTicketsWithSessions() {
		ReadModelFixtures fixtures = new ReadModelFixtures(this.jdbcClient);
		fixtures.deleteAll();
		long event = fixtures.anEvent(1L, "Festival", "P");
		long first = fixtures.aSession(event, null, "Tag 1", LocalDate.of(2025, 7, 18), null, null);
		long second = fixtures.aSession(event, null, "Tag 2", LocalDate.of(2025, 7, 19), null, null);
		for (int i = 1; i <= 30; i++) {
			String number = "T-%02d".formatted(i);
			fixtures.aTicket(TicketRow.aValidTicket(number, event, OffsetDateTime.now().minusMinutes(i)));
			fixtures.aTicketSession(number, 0, first);
			fixtures.aTicketSession(number, 1, second);
		}
	}

	@Test
	void pageCostsThreeStatements() {
		statements.set(0);

		TicketPage page = this.ticketQueries.findPage(0, 20);

		assertThat(page.content()).hasSize(20);
		assertThat(page.content()).allSatisfy((ticket) -> assertThat(ticket.sessions()).hasSize(2));
		assertThat(statements).hasValue(3);
	}

	@Test
	void singleTicketCostsTwoStatements() {
		statements.set(0);

		assertThat(this.ticketQueries.findByNumber("T-01")).isPresent();

		assertThat(statements).hasValue(2);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StatementCountingConfiguration {

		@Bean
		static BeanPostProcessor statementCountingDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource) ? new StatementCountingDataSource(dataSource) : bean;
				}

			};
		}

	}

	/**
	 * Counts every statement prepared or created on its connections.
	 */
	static class StatementCountingDataSource extends DelegatingDataSource {

		StatementCountingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = super.getConnection();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")) {
							statements.incrementAndGet();
						}
						try {
							return method.invoke(connection, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getTargetException();
						}
					});
		}

	}

}
