package ch.petziwebhook.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link LocalTopics} against an in-process KRaft broker, a fresh one per test.
 */
class LocalTopicsTests {

	private EmbeddedKafkaBroker broker;

	private Admin admin;

	@BeforeEach
	void startBroker() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1);
		this.broker.afterPropertiesSet();
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()));
	}

	@AfterEach
	void stopBroker() {
		this.admin.close();
		this.broker.destroy();
	}

	@Test
	void createsOnlyMissingTopics() throws Exception {
		List<String> first = new LocalTopics(this.admin).createMissing();
		List<String> second = new LocalTopics(this.admin).createMissing();

		assertThat(first).containsExactlyInAnyOrder("petzi.webhooks.raw", "petzi.webhooks.dlt", "petzi.tickets",
				"petzi.settings", "petzi.webhooks.rejected");
		assertThat(second).isEmpty();
	}

	@Test
	void rawTopicKeepsRecordsForever() throws Exception {
		new LocalTopics(this.admin).createMissing();

		assertThat(config("petzi.webhooks.raw").get("retention.ms").value()).isEqualTo("-1");
		assertThat(config("petzi.webhooks.dlt").get("retention.ms").value()).isEqualTo("-1");
		assertThat(config("petzi.webhooks.dlt").get("max.message.bytes").value()).isEqualTo("2097152");
		assertThat(partitions("petzi.webhooks.raw")).isEqualTo(3);
		assertThat(partitions("petzi.webhooks.dlt")).isEqualTo(3);
	}

	@Test
	void ticketAndSettingTopicsCompacted() throws Exception {
		new LocalTopics(this.admin).createMissing();

		assertThat(config("petzi.tickets").get("cleanup.policy").value()).isEqualTo("compact");
		assertThat(config("petzi.settings").get("cleanup.policy").value()).isEqualTo("compact");
	}

	@Test
	void rejectedTopicKeptThirtyDays() throws Exception {
		new LocalTopics(this.admin).createMissing();

		assertThat(config("petzi.webhooks.rejected").get("retention.ms").value()).isEqualTo("2592000000");
	}

	private Config config(String topic) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		return this.admin.describeConfigs(Set.of(resource)).all().get().get(resource);
	}

	private int partitions(String topic) throws Exception {
		TopicDescription description = this.admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
		return description.partitions().size();
	}

}
