package ch.petziwebhook.dashboard;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import ch.petziwebhook.model.test.TestDatabase;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.DirectoryResourceAccessor;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Test databases for the dashboard: a fresh PostgreSQL database, optionally with the read
 * model created by the projector's own Liquibase changelog, read from the projector's
 * source folder.
 */
public final class DashboardTestDatabase {

	/** The password of the first admin in every test. */
	public static final String ADMIN_PASSWORD = "admin-password-for-tests";

	// Tests run with the module directory as working directory.
	private static final Path PROJECTOR_RESOURCES = Path.of("../projector-service/src/main/resources");

	private static final String READ_MODEL_CHANGELOG = "db/changelog/db.changelog-master.yaml";

	private DashboardTestDatabase() {
	}

	/**
	 * Creates an empty database, as before the projector's first start.
	 * @return the database
	 */
	public static TestDatabase withoutReadModel() {
		return TestDatabase.create();
	}

	/**
	 * Creates a database holding the projector's read model schema without rows.
	 * @return the database
	 */
	public static TestDatabase withReadModel() {
		TestDatabase database = TestDatabase.create();
		applyReadModelChangelog(database);
		return database;
	}

	/**
	 * Points the application under test at a database and sets the first admin's
	 * password.
	 * @param registry the registry of the test's {@code @DynamicPropertySource} method
	 * @param database the database
	 */
	public static void register(DynamicPropertyRegistry registry, TestDatabase database) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
		registry.add("petzi.admin.password", () -> ADMIN_PASSWORD);
	}

	private static void applyReadModelChangelog(TestDatabase testDatabase) {
		try (Connection connection = testDatabase.connect();
				DirectoryResourceAccessor resources = new DirectoryResourceAccessor(PROJECTOR_RESOURCES)) {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			database.setDatabaseChangeLogTableName("read_model_changelog");
			database.setDatabaseChangeLogLockTableName("read_model_changelog_lock");

			Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources),
					() -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
						.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
						.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, READ_MODEL_CHANGELOG)
						.execute());
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					"Failed to apply the read model changelog from " + PROJECTOR_RESOURCES.toAbsolutePath().normalize(),
					ex);
		}
	}

}
