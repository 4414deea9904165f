package ch.petziwebhook.projector;

import java.io.IOException;
import java.util.Properties;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Liquibase set up as the projector runs it at start-up: its changelog and its changelog
 * tables from {@code application.properties}, for tests that apply the read model's
 * changesets themselves.
 */
public final class ReadModelLiquibase {

	private ReadModelLiquibase() {
	}

	/**
	 * Returns a Liquibase runner of the read model's changelog against a database; call
	 * {@link SpringLiquibase#afterPropertiesSet()} to apply it.
	 */
	public static SpringLiquibase on(DataSource dataSource) throws IOException {
		Properties application = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
		liquibase.setDatabaseChangeLogTable(application.getProperty("spring.liquibase.database-change-log-table"));
		liquibase
			.setDatabaseChangeLogLockTable(application.getProperty("spring.liquibase.database-change-log-lock-table"));
		return liquibase;
	}

}
