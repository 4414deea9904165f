package ch.petziwebhook.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest metrics on a live {@code /actuator/prometheus}, by their exported names.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "petzi.webhook.secrets=" + PetziSamples.SECRET)
@EmbeddedKafka(topics = PetziTopics.RAW, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class IngestMetricsTests {

	private static final List<String> NAMES = List.of("petzi_ingest_deliveries_accepted_total{via=\"kafka\"} 1.0",
			"petzi_ingest_deliveries_accepted_total{via=\"spool\"}",
			"petzi_ingest_deliveries_rejected_total{reason=\"missing_signature\"} 1.0",
			"petzi_ingest_deliveries_spooled_total", "petzi_ingest_deliveries_drained_total",
			"petzi_ingest_publish_seconds_count{outcome=\"acknowledged\"} 1", "petzi_ingest_spool_depth 0.0",
			"petzi_ingest_spool_oldest_age_seconds 0.0", "petzi_ingest_spool_size_bytes",
			"petzi_ingest_spool_torn_records_total", "petzi_ingest_kafka_up 1.0",
			"petzi_ingest_rejections_dropped_total{cause=\"rate-limit\"}");

	@TestBean
	Clock clock;

	@LocalServerPort
	int port;

	static Clock clock() {
		return Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT), ZoneOffset.UTC);
	}

	@Test
	void exposesIngestMetrics() {
		WebhookClient client = new WebhookClient(this.port);
		assertThat(client.postSample(PetziSamples.SINGLE_SESSION).statusCode()).isEqualTo(200);
		assertThat(client.post(PetziSamples.body(PetziSamples.FESTIVAL), "").statusCode()).isEqualTo(401);

		String metrics = client.send(client.request("/actuator/prometheus").GET().build()).body();

		for (String name : NAMES) {
			assertThat(metrics).contains(name);
		}
	}

}
