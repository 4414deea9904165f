package ch.petziwebhook.projector.rebuild;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import ch.petziwebhook.projector.ProjectorApplication;
import ch.petziwebhook.projector.delivery.ReplayProjection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The {@code rebuild} command: replays {@code petzi.webhooks.raw} from the beginning into
 * the shadow schema {@value ShadowSchema#SHADOW} while the live projector keeps writing
 * the live schema, compares both, and swaps them when they agree or when {@code --swap}
 * is given. It starts the projector's application context with the service's
 * configuration, but without the listener, the web server and Liquibase, and publishes
 * nothing to Kafka.
 */
public final class RebuildCommand {

	static final String USAGE = """
			Usage: java -jar projector-service-<version>-exec.jar rebuild [--swap] [--NAME=VALUE ...]
			Replays petzi.webhooks.raw into the schema read_model_shadow, compares it with read_model,
			and swaps them when they agree. The replaced schema is kept as read_model_previous.
			  --swap          swap even when the schemas differ
			  --NAME=VALUE    a Spring property, for example --spring.datasource.url=jdbc:postgresql://...;
			                  the service's environment variables (SPRING_DATASOURCE_URL, ...) apply too
			""";

	/**
	 * Settings of the rebuild's application context that the caller cannot override. The
	 * shadow schema is thrown away unless the rebuild reaches the swap, so a crash of the
	 * database during the replay only means running the rebuild again. So the replay's
	 * transactions commit without waiting for the write-ahead log to reach the disk
	 * ({@code synchronous_commit = off}). The swap's transaction waits.
	 */
	private static final Map<String, Object> REBUILD_PROPERTIES = Map.of("petzi.projector.read-model-schema",
			ShadowSchema.SHADOW, "spring.kafka.listener.auto-startup", "false", "spring.liquibase.enabled", "false",
			"spring.kafka.admin.auto-create", "false", "spring.datasource.hikari.connection-init-sql",
			"SET synchronous_commit = off");

	private static final Map<String, Object> DEFAULT_PROPERTIES = Map.of("logging.level.root", "WARN",
			"logging.level.ch.petziwebhook.projector.delivery.ReplayProjection", "INFO");

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

	private RebuildCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code rebuild}
	 * @param out where the progress and the comparison are printed
	 * @return the process exit status: 0 when the rebuild finished, whether it swapped or
	 * not, 1 when it failed, 2 for invalid arguments
	 */
	public static int run(List<String> args, PrintStream out) {
		boolean swap = false;
		List<String> springArgs = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--swap")) {
				swap = true;
			}
			else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
				springArgs.add(arg);
			}
			else {
				System.err.println("Invalid argument: " + arg);
				System.err.print(USAGE);
				return 2;
			}
		}
		try (ConfigurableApplicationContext context = start(springArgs)) {
			ShadowRebuild rebuild = new ShadowRebuild(context.getBean(DataSource.class),
					() -> new RawTopicReplay(consumer(context), context.getBean(ReplayProjection.class), out,
							PROGRESS_INTERVAL, threads(context)),
					out);
			rebuild.rebuild(swap);
			return 0;
		}
		catch (Exception ex) {
			// The messages of the database driver and of Kafka quote no payload.
			System.err.println("Rebuild failed: " + ex);
			return 1;
		}
	}

	private static ConfigurableApplicationContext start(List<String> springArgs) {
		return new SpringApplicationBuilder(ProjectorApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.properties(DEFAULT_PROPERTIES)
			.initializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("rebuild", REBUILD_PROPERTIES)))
			.run(springArgs.toArray(String[]::new));
	}

	/**
	 * Returns how many partitions the replay projects at once: as many as the live
	 * projector runs consumers.
	 */
	private static int threads(ConfigurableApplicationContext context) {
		Integer concurrency = context.getBean(KafkaProperties.class).getListener().getConcurrency();
		return (concurrency != null) ? concurrency : 1;
	}

	/**
	 * Creates a consumer with the service's consumer settings but no group, so that it
	 * neither joins nor commits for the live projector's group.
	 */
	private static KafkaConsumer<String, byte[]> consumer(ConfigurableApplicationContext context) {
		Map<String, Object> properties = new HashMap<>(
				context.getBean(ConsumerFactory.class).getConfigurationProperties());
		properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "petzi-projector-rebuild");
		return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
	}

}
