package ch.petziwebhook.projector.rebuild;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.projector.delivery.ReplayProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The replay's split of each poll by partition, on Kafka's in-memory consumer and a
 * projection that records its calls.
 */
class RawTopicReplayTests {

	private static final int PARTITIONS = 3;

	private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

	private final ReplayProjection projection = mock(ReplayProjection.class);

	private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

	/**
	 * Each projection waits at a barrier for the other partitions, so the replay ends
	 * only when the three partitions of a poll are projected at once.
	 */
	@Test
	void partitionsOfPollProjectedAtOnce() throws Exception {
		Map<Integer, List<Long>> offsets = new ConcurrentHashMap<>();
		Set<String> threads = ConcurrentHashMap.newKeySet();
		CyclicBarrier allPartitions = new CyclicBarrier(PARTITIONS);
		given(this.projection.project(anyList())).willAnswer((invocation) -> {
			List<ConsumerRecord<?, ?>> records = invocation.getArgument(0);
			offsets.put(records.get(0).partition(), records.stream().map(ConsumerRecord::offset).toList());
			threads.add(Thread.currentThread().getName());
			allPartitions.await(10, TimeUnit.SECONDS);
			return 0;
		});

		try (RawTopicReplay replay = replayOfTwoRecordsPerPartition(PARTITIONS)) {
			replay.replayTo(replay.endOffsets());
		}

		assertThat(offsets).containsOnlyKeys(0, 1, 2);
		assertThat(offsets.values()).allSatisfy((partition) -> assertThat(partition).containsExactly(0L, 1L));
		assertThat(threads).hasSize(PARTITIONS);
	}

	@Test
	void failuresOfPartitionsAdded() throws Exception {
		given(this.projection.project(anyList())).willReturn(1);

		try (RawTopicReplay replay = replayOfTwoRecordsPerPartition(PARTITIONS)) {
			replay.replayTo(replay.endOffsets());

			assertThat(replay.failed()).isEqualTo(PARTITIONS);
		}
	}

	@Test
	void databaseFailureOfOnePartitionStopsReplay() throws Exception {
		given(this.projection.project(anyList())).willAnswer((invocation) -> {
			List<ConsumerRecord<?, ?>> records = invocation.getArgument(0);
			if (records.get(0).partition() == 1) {
				throw new QueryTimeoutException("database gone");
			}
			return 0;
		});

		try (RawTopicReplay replay = replayOfTwoRecordsPerPartition(PARTITIONS)) {
			assertThatExceptionOfType(QueryTimeoutException.class)
				.isThrownBy(() -> replay.replayTo(replay.endOffsets()))
				.withMessage("database gone");
		}
	}

	@Test
	void duplicateKeyProjectsPartitionAgain() throws Exception {
		Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
		given(this.projection.project(anyList())).willAnswer((invocation) -> {
			List<ConsumerRecord<?, ?>> records = invocation.getArgument(0);
			int partition = records.get(0).partition();
			if (attempts.merge(partition, 1, Integer::sum) == 1 && partition == 1) {
				throw new DuplicateKeyException("duplicate key value violates unique constraint \"events_pkey\"");
			}
			return 0;
		});

		try (RawTopicReplay replay = replayOfTwoRecordsPerPartition(PARTITIONS)) {
			replay.replayTo(replay.endOffsets());

			assertThat(replay.failed()).isZero();
		}
		assertThat(attempts).containsEntry(0, 1).containsEntry(1, 2).containsEntry(2, 1);
	}

	@Test
	void repeatedDuplicateKeyStopsReplay() throws Exception {
		given(this.projection.project(anyList())).willThrow(new DuplicateKeyException("always"));

		try (RawTopicReplay replay = replayOfTwoRecordsPerPartition(PARTITIONS)) {
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> replay.replayTo(replay.endOffsets()))
				.withMessage("always");
		}
	}

	private RawTopicReplay replayOfTwoRecordsPerPartition(int threads) {
		List<PartitionInfo> infos = new ArrayList<>();
		Map<TopicPartition, Long> beginning = new HashMap<>();
		Map<TopicPartition, Long> end = new HashMap<>();
		for (int partition = 0; partition < PARTITIONS; partition++) {
			infos.add(new PartitionInfo(PetziTopics.RAW, partition, Node.noNode(), new Node[0], new Node[0]));
			beginning.put(new TopicPartition(PetziTopics.RAW, partition), 0L);
			end.put(new TopicPartition(PetziTopics.RAW, partition), 2L);
		}
		this.consumer.updatePartitions(PetziTopics.RAW, infos);
		this.consumer.updateBeginningOffsets(beginning);
		this.consumer.updateEndOffsets(end);
		RawTopicReplay replay = new RawTopicReplay(this.consumer, this.projection, this.out, Duration.ofHours(1),
				threads);
		for (int partition = 0; partition < PARTITIONS; partition++) {
			for (long offset = 0; offset < 2; offset++) {
				this.consumer.addRecord(new ConsumerRecord<>(PetziTopics.RAW, partition, offset, "key", new byte[0]));
			}
		}
		return replay;
	}

}
