package ch.petziwebhook.ingest;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proof that ingest neither needs nor can reach PostgreSQL: no driver, no JDBC support,
 * no data source, and deliveries are accepted while the configured database is dead.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "petzi.webhook.secrets=" + PetziSamples.SECRET)
@EmbeddedKafka(topics = PetziTopics.RAW, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class DatabaseIndependenceTests {

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	@DynamicPropertySource
	static void deadDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + ClosedPort.find() + "/petzi");
	}

	@Test
	void contextHasNoDataSource() {
		assertThat(this.context.getBeanNamesForType(DataSource.class)).isEmpty();
	}

	@Test
	void classpathHasNoPostgresDriver() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.postgresql.Driver"));
	}

	@Test
	void classpathHasNoSpringJdbc() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.springframework.jdbc.datasource.DriverManagerDataSource"));
	}

	@Test
	void acceptsWhileDatabaseIsDead() {
		HttpResponse<String> response = new WebhookClient(this.port).postSample(PetziSamples.SINGLE_SESSION);

		assertThat(response.statusCode()).isEqualTo(200);
	}

}
