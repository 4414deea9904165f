package ch.petziwebhook.dashboard.account;

import java.util.ArrayList;
import java.util.List;

import ch.petziwebhook.dashboard.DashboardApplication;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the first admin across real restarts of the application on one database.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTests {

	private final PasswordEncoder passwordEncoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void createsAdminWithEncodedPassword() {
		TestDatabase database = TestDatabase.create();

		List<User> users = startAndReadUsers(database, "--petzi.admin.password=first-secret");

		assertThat(users).hasSize(1);
		assertThat(users.get(0).username()).isEqualTo("admin");
		assertThat(users.get(0).role()).isEqualTo(Role.ADMIN);
		assertThat(users.get(0).passwordHash()).startsWith("{bcrypt}");
		assertThat(users.get(0).passwordHash()).doesNotContain("first-secret");
		assertThat(this.passwordEncoder.matches("first-secret", users.get(0).passwordHash())).isTrue();
	}

	@Test
	void restartKeepsExistingAdmin() {
		TestDatabase database = TestDatabase.create();
		List<User> first = startAndReadUsers(database, "--petzi.admin.password=first-secret");

		List<User> second = startAndReadUsers(database, "--petzi.admin.password=second-secret");

		assertThat(second).hasSize(1);
		assertThat(second.get(0).passwordHash()).isEqualTo(first.get(0).passwordHash());
	}

	@Test
	void restartCreatesNoSecondAdmin() {
		TestDatabase database = TestDatabase.create();
		startAndReadUsers(database, "--petzi.admin.password=first-secret");

		List<User> users = startAndReadUsers(database, "--petzi.admin.username=other",
				"--petzi.admin.password=second-secret");

		assertThat(users).extracting(User::username).containsExactly("admin");
	}

	@Test
	void usesConfiguredUsername() {
		TestDatabase database = TestDatabase.create();

		List<User> users = startAndReadUsers(database, "--petzi.admin.username=organizer",
				"--petzi.admin.password=first-secret");

		assertThat(users).extracting(User::username).containsExactly("organizer");
	}

	@Test
	void warnsWithoutPassword(CapturedOutput output) {
		TestDatabase database = TestDatabase.create();

		List<User> users = startAndReadUsers(database);

		assertThat(users).isEmpty();
		assertThat(output.getOut()).contains("WARN").contains("PETZI_ADMIN_PASSWORD");
	}

	@Test
	void changelogUsesOwnTables() {
		TestDatabase database = TestDatabase.create();

		startAndReadUsers(database, "--petzi.admin.password=first-secret");

		JdbcClient jdbcClient = jdbcClient(database);
		assertThat(tableExists(jdbcClient, "public.dashboard_changelog")).isTrue();
		assertThat(tableExists(jdbcClient, "public.dashboard_changelog_lock")).isTrue();
		assertThat(tableExists(jdbcClient, "public.databasechangelog")).isFalse();
	}

	private List<User> startAndReadUsers(TestDatabase database, String... arguments) {
		List<String> commandLine = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()));
		commandLine.addAll(List.of(arguments));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DashboardApplication.class)
			.run(commandLine.toArray(String[]::new))) {
			return readUsers(context.getBean(JdbcClient.class));
		}
	}

	private static List<User> readUsers(JdbcClient jdbcClient) {
		return jdbcClient.sql("SELECT username, password_hash, role FROM dashboard.users ORDER BY id")
			.query((rs, rowNum) -> new User(rs.getString("username"), rs.getString("password_hash"),
					Role.valueOf(rs.getString("role"))))
			.list();
	}

	private static JdbcClient jdbcClient(TestDatabase database) {
		return JdbcClient
			.create(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
	}

	private static boolean tableExists(JdbcClient jdbcClient, String table) {
		return jdbcClient.sql("SELECT to_regclass(:table) IS NOT NULL")
			.param("table", table)
			.query(Boolean.class)
			.single();
	}

}
