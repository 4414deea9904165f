package ch.petziwebhook.dashboard.secret;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.WebhookSecret;
import ch.petziwebhook.model.WebhookSecretsSetting;
import ch.petziwebhook.model.test.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

/**
 * Tests of the webhook secrets on the settings page, published to an in-process Kafka
 * broker.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class WebhookSecretSettingsTests {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final String FIRST = "first-secret-from-petzi-0001";

	private static final String SECOND = "second-secret-from-petzi-0002";

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JsonMapper jsonMapper;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void deleteSecrets() {
		this.jdbcClient.sql("TRUNCATE dashboard.webhook_secrets").update();
	}

	@Test
	void firstRotationPublishesCurrent() throws Exception {
		ResultActions result = rotate(FIRST, 24);

		result.andExpect(flash().attribute("successKey", "secrets.rotated"));
		WebhookSecretsSetting setting = latestSetting();
		assertThat(setting.secrets()).containsExactly(new WebhookSecret("current", FIRST, null));
	}

	@Test
	void rotationKeepsOldWithExpiry() throws Exception {
		rotate(FIRST, 24);
		Instant before = Instant.now();

		rotate(SECOND, 24);

		WebhookSecretsSetting setting = latestSetting();
		assertThat(setting.secrets()).extracting(WebhookSecret::slot).containsExactlyInAnyOrder("current", "previous");
		WebhookSecret previous = slot(setting, "previous");
		assertThat(previous.secret()).isEqualTo(FIRST);
		assertThat(previous.expiresAt()).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(1),
				Instant.now().plus(Duration.ofHours(24)));
		assertThat(slot(setting, "current").secret()).isEqualTo(SECOND);
	}

	@Test
	void addedSlotIsPublished() throws Exception {
		rotate(FIRST, 0);

		ResultActions result = this.mockMvc.perform(post("/dashboard/settings/secrets").with(admin())
			.with(csrf())
			.param("slot", "second-venue")
			.param("secret", SECOND));

		result.andExpect(flash().attribute("successKey", "secrets.added"));
		assertThat(latestSetting().secrets()).extracting(WebhookSecret::slot)
			.containsExactlyInAnyOrder("current", "second-venue");
	}

	@Test
	void removalPublishesShorterList() throws Exception {
		rotate(FIRST, 24);
		rotate(SECOND, 24);

		this.mockMvc.perform(post("/dashboard/settings/secrets/previous/delete").with(admin()).with(csrf()))
			.andExpect(flash().attribute("successKey", "secrets.removed"));

		assertThat(latestSetting().secrets()).extracting(WebhookSecret::slot).containsExactly("current");
	}

	@Test
	void pageNeverShowsSecret() throws Exception {
		rotate(FIRST, 24);

		ResultActions result = this.mockMvc.perform(get("/dashboard/settings").with(admin()));

		result.andExpect(content().string(containsString("id=\"secrets\"")));
		result.andExpect(content().string(containsString("••••0001")));
		result.andExpect(content().string(not(containsString(FIRST))));
	}

	@Test
	void shortSecretIsRejected() throws Exception {
		ResultActions result = rotate("too-short", 24);

		result.andExpect(flash().attribute("errorKey", "secrets.invalidSecret"));
		assertThat(storedSlots()).isEmpty();
	}

	@Test
	void unlistedExpiryIsRejected() throws Exception {
		ResultActions result = rotate(FIRST, 5);

		result.andExpect(flash().attribute("errorKey", "secrets.invalidExpiry"));
	}

	@Test
	void takenSlotIsRejected() throws Exception {
		rotate(FIRST, 24);

		ResultActions result = this.mockMvc.perform(post("/dashboard/settings/secrets").with(admin())
			.with(csrf())
			.param("slot", "current")
			.param("secret", SECOND));

		result.andExpect(flash().attribute("errorKey", "secrets.slotTaken"));
	}

	@Test
	void topicIsCompacted() throws Exception {
		rotate(FIRST, 24);

		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, PetziTopics.SETTINGS);
			Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
			assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
				.isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
		}
	}

	@Test
	void viewerCannotRotate() throws Exception {
		this.jdbcClient.sql("""
				INSERT INTO dashboard.users (username, password_hash, role)
				VALUES ('secret-viewer', '{noop}viewer-password-long', 'VIEWER')
				ON CONFLICT DO NOTHING
				""").update();

		this.mockMvc
			.perform(post("/dashboard/settings/secrets/rotate").with(httpBasic("secret-viewer", "viewer-password-long"))
				.with(csrf())
				.param("secret", FIRST)
				.param("keepOldForHours", "24"));

		assertThat(storedSlots()).isEmpty();
	}

	private ResultActions rotate(String secret, int keepOldForHours) throws Exception {
		return this.mockMvc.perform(post("/dashboard/settings/secrets/rotate").with(admin())
			.with(csrf())
			.param("secret", secret)
			.param("keepOldForHours", Integer.toString(keepOldForHours)));
	}

	// Reads the whole topic up to its end and returns the last record's setting.
	private WebhookSecretsSetting latestSetting() {
		Map<String, Object> config = KafkaTestUtils.consumerProps(this.broker, "settings-test", false);
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
				new StringDeserializer())
			.createConsumer()) {
			TopicPartition partition = new TopicPartition(PetziTopics.SETTINGS, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			ConsumerRecord<String, String> latest = null;
			while (consumer.position(partition) < end) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
					latest = record;
				}
			}
			assertThat(latest).isNotNull();
			assertThat(latest.key()).isEqualTo(WebhookSecretsSetting.KEY);
			return this.jsonMapper.readValue(latest.value(), WebhookSecretsSetting.class);
		}
	}

	private static WebhookSecret slot(WebhookSecretsSetting setting, String slot) {
		return setting.secrets().stream().filter((secret) -> secret.slot().equals(slot)).findFirst().orElseThrow();
	}

	private List<String> storedSlots() {
		return this.jdbcClient.sql("SELECT slot FROM dashboard.webhook_secrets").query(String.class).list();
	}

	private static RequestPostProcessor admin() {
		return httpBasic("admin", DashboardTestDatabase.ADMIN_PASSWORD);
	}

}
