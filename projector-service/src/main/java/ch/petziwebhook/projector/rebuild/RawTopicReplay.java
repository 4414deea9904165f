package ch.petziwebhook.projector.rebuild;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.projector.delivery.ReplayProjection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reader of the raw topic from its beginning that projects the records with
 * {@link ReplayProjection}, one transaction per poll, up to given offsets. It assigns
 * every partition to its own consumer and never commits offsets, so the live projector's
 * consumer group is untouched.
 */
final class RawTopicReplay implements AutoCloseable {

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	/** Maximum time without a record before the replay gives up. */
	private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

	private final Consumer<String, byte[]> consumer;

	private final ReplayProjection projection;

	private final PrintStream out;

	private final Duration progressInterval;

	private final List<TopicPartition> partitions = new ArrayList<>();

	private final Map<TopicPartition, Long> beginning;

	private long failed;

	RawTopicReplay(Consumer<String, byte[]> consumer, ReplayProjection projection, PrintStream out,
			Duration progressInterval) {
		this.consumer = consumer;
		this.projection = projection;
		this.out = out;
		this.progressInterval = progressInterval;
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
				this.failed += this.projection.project(batch);
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
		this.consumer.close();
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
