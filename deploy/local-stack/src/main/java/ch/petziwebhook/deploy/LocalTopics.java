package ch.petziwebhook.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import ch.petziwebhook.model.PetziTopics;

/**
 * Creator of the Kafka topics the services share, with their partitions and retention.
 * Topics that exist already are left as they are.
 */
public final class LocalTopics {

	private static final String FOREVER = "-1";

	private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

	private static final String THIRTY_DAYS_MS = Long.toString(Duration.ofDays(30).toMillis());

	/** Record size limit of the raw and dead-letter topics: a 1 MiB body plus headers. */
	private static final String TWO_MIB = Integer.toString(2 * 1024 * 1024);

	/** The topics of a single-broker stack, hence replication factor 1. */
	static final List<NewTopic> TOPICS = List.of(
			topic(PetziTopics.RAW, 3,
					Map.of(TopicConfig.RETENTION_MS_CONFIG, FOREVER, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TWO_MIB)),
			topic(PetziTopics.DEAD_LETTER, 3,
					Map.of(TopicConfig.RETENTION_MS_CONFIG, FOREVER, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TWO_MIB)),
			topic(PetziTopics.TICKETS, 3,
					Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
			topic(PetziTopics.SETTINGS, 1,
					Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
			topic(PetziTopics.REJECTED, 3, Map.of(TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS)));

	private final Admin admin;

	LocalTopics(Admin admin) {
		this.admin = admin;
	}

	/**
	 * Creates every topic of {@link #TOPICS} that the broker does not have yet, and waits
	 * until the broker serves their metadata.
	 * @return the names of the topics created by this call
	 * @throws ExecutionException if the broker rejected a request
	 * @throws InterruptedException if interrupted while waiting for the broker
	 */
	List<String> createMissing() throws ExecutionException, InterruptedException {
		Set<String> existing = this.admin.listTopics().names().get();
		List<String> created = new ArrayList<>();
		for (NewTopic topic : TOPICS) {
			if (!existing.contains(topic.name()) && create(topic)) {
				created.add(topic.name());
			}
		}
		awaitMetadata(created);
		return created;
	}

	// The controller confirms a creation before the broker's metadata shows the topic.
	private void awaitMetadata(List<String> topics) throws ExecutionException, InterruptedException {
		Instant deadline = Instant.now().plus(METADATA_TIMEOUT);
		while (true) {
			try {
				this.admin.describeTopics(topics).allTopicNames().get();
				return;
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException) || Instant.now().isAfter(deadline)) {
					throw ex;
				}
				Thread.sleep(100);
			}
		}
	}

	private boolean create(NewTopic topic) throws ExecutionException, InterruptedException {
		try {
			this.admin.createTopics(List.of(topic)).all().get();
			return true;
		}
		catch (ExecutionException ex) {
			// Another client created it between the listing and this request.
			if (ex.getCause() instanceof TopicExistsException) {
				return false;
			}
			throw ex;
		}
	}

	private static NewTopic topic(String name, int partitions, Map<String, String> configs) {
		return new NewTopic(name, partitions, (short) 1).configs(configs);
	}

	/**
	 * Creates the missing topics on a broker and prints one line per topic.
	 * @param args the bootstrap servers, for example {@code 127.0.0.1:9092}
	 * @throws Exception if the broker could not be reached or rejected a topic
	 */
	public static void main(String[] args) throws Exception {
		if (args.length != 1) {
			System.err.println("Usage: LocalTopics <bootstrap servers>");
			System.exit(2);
		}
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
		properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);

		try (Admin admin = Admin.create(properties)) {
			List<String> created = new LocalTopics(admin).createMissing();
			for (NewTopic topic : TOPICS) {
				String state = created.contains(topic.name()) ? "created" : "exists";
				System.out.printf("  topic %-26s %s (%d partitions, %s)%n", topic.name(), state, topic.numPartitions(),
						topic.configs());
			}
		}
	}

}
