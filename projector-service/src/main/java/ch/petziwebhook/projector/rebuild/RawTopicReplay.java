package ch.petziwebhook.projector.rebuild;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.projector.delivery.ReplayProjection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import org.springframework.dao.DuplicateKeyException;

/**
 * Reader of the raw topic from its beginning that projects the records with
 * {@link ReplayProjection} up to given offsets: one transaction per partition and poll,
 * with the partitions of a poll projected in parallel on up to a given number of threads,
 * as the live projector's consumers do. It assigns every partition to its own consumer
 * and never commits offsets, so the live projector's consumer group is untouched.
 */
final class RawTopicReplay implements AutoCloseable {

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	/** Maximum time without a record before the replay gives up. */
	private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

	/** Attempts at a partition's records that end in a duplicate key, before failing. */
	private static final int DUPLICATE_KEY_ATTEMPTS = 3;

	private final Consumer<String, byte[]> consumer;

	private final ReplayProjection projection;

	private final PrintStream out;

	private final Duration progressInterval;

	private final List<TopicPartition> partitions = new ArrayList<>();

	private final Map<TopicPartition, Long> beginning;

	private final ExecutorService workers;

	private long failed;

	/**
	 * Creates a replay that reads every partition of the raw topic from its beginning.
	 * @param consumer the consumer, without a group
	 * @param projection the projection of the records
	 * @param out where the progress goes
	 * @param progressInterval how often the progress is printed
	 * @param threads how many partitions of one poll are projected at once
	 */
	RawTopicReplay(Consumer<String, byte[]> consumer, ReplayProjection projection, PrintStream out,
			Duration progressInterval, int threads) {
		this.consumer = consumer;
		this.projection = projection;
		this.out = out;
		this.progressInterval = progressInterval;
		this.workers = Executors.newFixedThreadPool(Math.max(1, threads));
		for (PartitionInfo info : consumer.partitionsFor(PetziTopics.RAW, Duration.ofSeconds(30))) {
			this.partitions.add(new TopicPartition(info.topic(), info.partition()));
		}
		consumer.assign(this.partitions);
		consumer.seekToBeginning(this.partitions);
		this.beginning = consumer.beginningOffsets(this.partitions);
	}

	/**
	 * Returns the current end offset of every partition.
	 */
	Map<TopicPartition, Long> endOffsets() {
		return this.consumer.endOffsets(this.partitions);
	}

	/**
	 * Returns how many records the offsets span from the beginning of the topic.
	 */
	long recordsUpTo(Map<TopicPartition, Long> offsets) {
		long records = 0;
		for (TopicPartition partition : this.partitions) {
			records += Math.max(0, offsets.getOrDefault(partition, 0L) - this.beginning.get(partition));
		}
		return records;
	}

	/**
	 * Returns how many records failed to project so far.
	 */
	long failed() {
		return this.failed;
	}

	/**
	 * Projects the records from the current positions up to the given offsets, exclusive,
	 * and prints the progress every progress interval.
	 * @param targets the offset to stop at, per partition; a partition without one is not
	 * read
	 * @throws ReplayException if no record arrived for {@link #STALL_TIMEOUT}
	 */
	void replayTo(Map<TopicPartition, Long> targets) {
		Progress progress = new Progress(recordsUpTo(targets), done(), this.progressInterval, this.out);
		List<TopicPartition> open = openPartitions(targets);
		long lastRecord = System.nanoTime();
		while (!open.isEmpty()) {
			this.consumer.resume(open);
			this.consumer.pause(closed(open));
			List<ConsumerRecord<String, byte[]>> batch = below(this.consumer.poll(POLL_TIMEOUT), targets);
			if (!batch.isEmpty()) {
				this.failed += projectByPartition(batch);
				lastRecord = System.nanoTime();
			}
			else if (Duration.ofNanos(System.nanoTime() - lastRecord).compareTo(STALL_TIMEOUT) > 0) {
				throw new ReplayException("Timed out after " + STALL_TIMEOUT + " without a record of " + PetziTopics.RAW
						+ " at positions " + positions() + ", expected records up to " + targets);
			}
			rewindPast(targets);
			open = openPartitions(targets);
			progress.report(done(), false);
		}
		progress.report(done(), true);
	}

	@Override
	public void close() {
		this.workers.shutdownNow();
		this.consumer.close();
	}

	/**
	 * Projects the records of each partition in a transaction of its own, the partitions
	 * in parallel, and waits for all of them. A ticket's records sit in one partition
	 * unless partitions were added. Even then the projection orders them by signature
	 * timestamp, so only two with the same timestamp could end differently.
	 * @return how many records failed
	 */
	private int projectByPartition(List<ConsumerRecord<String, byte[]>> batch) {
		Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new TreeMap<>();
		batch.forEach(
				(record) -> byPartition.computeIfAbsent(record.partition(), (key) -> new ArrayList<>()).add(record));
		List<Future<Integer>> projections = new ArrayList<>(byPartition.size());
		byPartition.values()
			.forEach((records) -> projections.add(this.workers.submit(() -> projectPartition(records))));
		int failedNow = 0;
		RuntimeException failure = null;
		for (Future<Integer> projection : projections) {
			try {
				failedNow += projection.get();
			}
			catch (ExecutionException ex) {
				if (failure == null) {
					failure = (ex.getCause() instanceof RuntimeException cause) ? cause
							: new IllegalStateException(ex.getCause());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ReplayException("Interrupted while projecting records of " + PetziTopics.RAW);
			}
		}
		if (failure != null) {
			throw failure;
		}
		return failedNow;
	}

	/**
	 * Projects the records of one partition, again after a duplicate key. Partitions
	 * projected at once may insert the same new event, session or location at the same
	 * moment. PostgreSQL may then reject one insert as a duplicate of the other's row in
	 * a unique index that is not the insert's conflict target. After partitions were
	 * added, two partitions may also insert the same new ticket, which has no conflict
	 * target. The failed transaction rolled back and the other committed the row, so the
	 * next attempt finds it.
	 */
	private int projectPartition(List<ConsumerRecord<String, byte[]>> records) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.projection.project(records);
			}
			catch (DuplicateKeyException ex) {
				if (attempt == DUPLICATE_KEY_ATTEMPTS) {
					throw ex;
				}
				this.out.printf("Projecting partition %d again after a duplicate key of a concurrent partition%n",
						records.get(0).partition());
			}
		}
	}

	private List<ConsumerRecord<String, byte[]>> below(ConsumerRecords<String, byte[]> records,
			Map<TopicPartition, Long> targets) {
		List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
		for (ConsumerRecord<String, byte[]> record : records) {
			Long target = targets.get(new TopicPartition(record.topic(), record.partition()));
			if (target != null && record.offset() < target) {
				batch.add(record);
			}
		}
		return batch;
	}

	// A poll may return records past a partition's target: read them again next time.
	private void rewindPast(Map<TopicPartition, Long> targets) {
		for (TopicPartition partition : this.partitions) {
			Long target = targets.get(partition);
			if (target != null && this.consumer.position(partition) > target) {
				this.consumer.seek(partition, target);
			}
		}
	}

	private List<TopicPartition> openPartitions(Map<TopicPartition, Long> targets) {
		List<TopicPartition> open = new ArrayList<>();
		for (TopicPartition partition : this.partitions) {
			Long target = targets.get(partition);
			if (target != null && this.consumer.position(partition) < target) {
				open.add(partition);
			}
		}
		return open;
	}

	private List<TopicPartition> closed(List<TopicPartition> open) {
		return this.partitions.stream().filter((partition) -> !open.contains(partition)).toList();
	}

	private long done() {
		return recordsUpTo(positions());
	}

	private Map<TopicPartition, Long> positions() {
		Map<TopicPartition, Long> positions = new HashMap<>();
		this.partitions.forEach((partition) -> positions.put(partition, this.consumer.position(partition)));
		return positions;
	}

	/**
	 * Failure of the replay that the operator can act on.
	 */
	static final class ReplayException extends RuntimeException {

		ReplayException(String message) {
			super(message);
		}

	}

}
