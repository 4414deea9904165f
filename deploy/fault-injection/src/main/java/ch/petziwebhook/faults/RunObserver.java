package ch.petziwebhook.faults;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import ch.petziwebhook.deploy.LocalPostgres;
import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.model.TicketEvent;

/**
 * Reader of the stack's contents after a run. It waits until ingest's spool is empty, the
 * raw topic stops growing and the projector has consumed everything. Then it reads the
 * raw topic, the ticket topic and the read model.
 */
final class RunObserver {

	private static final String PROJECTOR_GROUP = "petzi-projector";

	/** How long the raw topic's end offsets must stay unchanged to count as drained. */
	private static final Duration STABLE_FOR = Duration.ofSeconds(10);

	private static final Pattern SPOOL_EMPTY = Pattern.compile("\"depth\"\\s*:\\s*0\\b");

	private final String bootstrapServers;

	private final String jdbcUrl;

	private final URI ingestHealth;

	RunObserver(String bootstrapServers, String jdbcUrl, URI ingestHealth) {
		this.bootstrapServers = bootstrapServers;
		this.jdbcUrl = jdbcUrl;
		this.ingestHealth = ingestHealth;
	}

	/**
	 * Waits until ingest's spool is empty, the projector's lag is 0 and the raw topic's
	 * end offsets did not change for ten seconds.
	 * @param timeout how long to wait at most
	 * @return whether the stack drained within the timeout
	 * @throws Exception if the broker cannot be queried
	 */
	boolean awaitDrained(Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		Map<TopicPartition, Long> previous = Map.of();
		Instant stableSince = Instant.now();
		try (Admin admin = Admin.create(adminProperties())) {
			while (Instant.now().isBefore(deadline)) {
				Map<TopicPartition, Long> ends = endOffsets(admin);
				if (!ends.equals(previous)) {
					previous = ends;
					stableSince = Instant.now();
				}
				long lag = lag(admin, ends);
				boolean spoolEmpty = isSpoolEmpty();
				if (lag == 0 && spoolEmpty && Duration.between(stableSince, Instant.now()).compareTo(STABLE_FOR) >= 0) {
					return true;
				}
				System.out.printf("  draining: projector lag %d, ingest spool %s%n", lag,
						spoolEmpty ? "empty" : "not empty");
				Thread.sleep(2000);
			}
		}
		return false;
	}

	/** Reads every record of the raw topic. */
	List<RawRecord> readRaw() {
		List<RawRecord> records = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : readAll(PetziTopics.RAW)) {
			Header header = record.headers().lastHeader(PetziHeaders.DELIVERY_ID);
			String deliveryId = (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
			records.add(new RawRecord(deliveryId, WebhookBodies.keyOf(record.value())));
		}
		return records;
	}

	/** Reads the latest document per ticket of the ticket topic. */
	Map<String, TicketState> readDocuments() {
		Map<String, TicketState> documents = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : readAll(PetziTopics.TICKETS)) {
			if (record.value() == null) {
				continue;
			}
			TicketEvent event = TicketEvent.Json.read(record.value());
			String number = event.ticket().number();
			BigDecimal amount = (event.ticket().price() != null) ? event.ticket().price().amount() : null;
			documents.put(number,
					new TicketState(number,
							WebhookBodies.state(event.ticket().title(), amount, event.ticket().cancellationReason()),
							event.deliveryId().toString()));
		}
		return documents;
	}

	/** Reads the read-model row of every ticket. */
	Map<String, TicketState> readRows() throws SQLException {
		Map<String, TicketState> rows = new HashMap<>();
		String query = """
				SELECT number, title, price_amount, cancellation_reason, last_delivery_id::text
				FROM read_model.tickets
				""";
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(query);
				ResultSet result = statement.executeQuery()) {
			while (result.next()) {
				String number = result.getString(1);
				rows.put(number,
						new TicketState(number,
								WebhookBodies.state(result.getString(2), result.getBigDecimal(3), result.getString(4)),
								result.getString(5)));
			}
		}
		return rows;
	}

	/** Reads the ids of the deliveries the projector applied or skipped as stale. */
	Set<String> readProjectedDeliveryIds() throws SQLException {
		Set<String> ids = new HashSet<>();
		String query = """
				SELECT delivery_id::text FROM read_model.deliveries WHERE status IN ('projected', 'stale')
				""";
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(query);
				ResultSet result = statement.executeQuery()) {
			while (result.next()) {
				ids.add(result.getString(1));
			}
		}
		return ids;
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, LocalPostgres.USERNAME, LocalPostgres.PASSWORD);
	}

	private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
		}
		return records;
	}

	private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		for (var partition : admin.describeTopics(List.of(PetziTopics.RAW))
			.allTopicNames()
			.get()
			.get(PetziTopics.RAW)
			.partitions()) {
			request.put(new TopicPartition(PetziTopics.RAW, partition.partition()), OffsetSpec.latest());
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	private static long lag(Admin admin, Map<TopicPartition, Long> ends) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(PROJECTOR_GROUP)
			.partitionsToOffsetAndMetadata()
			.get();
		long lag = 0;
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			OffsetAndMetadata offset = committed.get(end.getKey());
			lag += end.getValue() - ((offset != null) ? offset.offset() : 0);
		}
		return lag;
	}

	private boolean isSpoolEmpty() {
		HttpRequest request = HttpRequest.newBuilder(this.ingestHealth).timeout(Duration.ofSeconds(5)).build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			return SPOOL_EMPTY.matcher(response.body()).find();
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private Properties adminProperties() {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		return properties;
	}

}
