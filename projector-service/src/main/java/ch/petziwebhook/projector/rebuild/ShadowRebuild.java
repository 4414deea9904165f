package ch.petziwebhook.projector.rebuild;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import ch.petziwebhook.model.PetziTopics;
import ch.petziwebhook.projector.system.ReadModelSchema;
import org.apache.kafka.common.TopicPartition;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The steps of the {@code rebuild} command: create the shadow schema, replay the raw
 * topic into it up to the end offsets taken at the start, then, with the live tables
 * locked, catch up with what the live projector recorded meanwhile, compare, and swap
 * when the schemas agree or the operator asked for it.
 * <p>
 * The live tables stay locked from the catch-up to the end of the swap transaction. The
 * live projector waits meanwhile and afterwards writes to the new live schema, so no
 * record it projected before or after is lost. Dashboard queries wait too.
 */
final class ShadowRebuild {

	/**
	 * How many secondary indexes are built at once after the replay. The two sessions
	 * keep two cores of the database server busy; on the measured machine, that took the
	 * index builds from 16 to 11 seconds.
	 */
	private static final int INDEX_BUILD_THREADS = 2;

	private final DataSource dataSource;

	private final Supplier<RawTopicReplay> replays;

	private final PrintStream out;

	ShadowRebuild(DataSource dataSource, Supplier<RawTopicReplay> replays, PrintStream out) {
		this.dataSource = dataSource;
		this.replays = replays;
		this.out = out;
	}

	/**
	 * Rebuilds the read model into the shadow schema and swaps it in when it agrees with
	 * the live one or when {@code swapRequested} is set.
	 * @return whether the schemas were swapped
	 * @throws SQLException if the database failed during the compare or swap
	 */
	boolean rebuild(boolean swapRequested) throws SQLException {
		long start = System.nanoTime();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		ShadowSchema.create(jdbc);
		List<String> deferredIndexes = ShadowSchema.dropSecondaryIndexes(jdbc);
		this.out.printf("Created schema %s from the read model changelog, without %d secondary indexes until the "
				+ "replay is done%n", ShadowSchema.SHADOW, deferredIndexes.size());

		try (RawTopicReplay replay = this.replays.get()) {
			Map<TopicPartition, Long> end = replay.endOffsets();
			this.out.printf("Replaying %d records of %s into %s with synchronous_commit %s%n", replay.recordsUpTo(end),
					PetziTopics.RAW, ShadowSchema.SHADOW, jdbc.queryForObject("SHOW synchronous_commit", String.class));
			replay.replayTo(end);
			this.out.printf("Replayed up to the end offsets of the start in %ds; %d records failed as before%n",
					Duration.ofNanos(System.nanoTime() - start).toSeconds(), replay.failed());

			long indexStart = System.nanoTime();
			ShadowSchema.createIndexes(jdbc, deferredIndexes, INDEX_BUILD_THREADS);
			this.out.printf("Created the %d secondary indexes of %s in %ds%n", deferredIndexes.size(),
					ShadowSchema.SHADOW, Duration.ofNanos(System.nanoTime() - indexStart).toSeconds());
			return catchUpCompareAndSwap(replay, end, swapRequested);
		}
	}

	private boolean catchUpCompareAndSwap(RawTopicReplay replay, Map<TopicPartition, Long> end, boolean swapRequested)
			throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				JdbcTemplate transaction = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
				// Unlike the replay, the swap replaces the live read model, so its commit
				// waits until the write-ahead log is on disk.
				transaction.execute("SET LOCAL synchronous_commit = on");
				this.out.printf("Locking the tables of %s; the live projector and the dashboard wait meanwhile%n",
						ReadModelSchema.LIVE);
				ShadowSchema.lockLive(transaction);
				Map<TopicPartition, Long> caughtUp = liveTargets(transaction, end, replay.endOffsets());
				this.out.printf("Catching up with the %d records the live projector recorded meanwhile%n",
						replay.recordsUpTo(caughtUp) - replay.recordsUpTo(end));
				replay.replayTo(caughtUp);

				List<TableComparison> comparisons = ShadowSchema.compare(transaction,
						new JdbcTemplate(this.dataSource));
				boolean agree = comparisons.stream().allMatch(TableComparison::agrees);
				print(comparisons);
				if (!agree && !swapRequested) {
					connection.rollback();
					printNotSwapped();
					return false;
				}
				ShadowSchema.swap(transaction);
				connection.commit();
				this.out.printf("Swapped: %s is now the rebuilt read model, the replaced one is kept as %s%n",
						ReadModelSchema.LIVE, ShadowSchema.PREVIOUS);
				return true;
			}
			catch (RuntimeException | SQLException ex) {
				connection.rollback();
				throw ex;
			}
		}
	}

	/**
	 * Returns, per partition, the offset to replay to so that the shadow schema contains
	 * at least every record of the end offsets and every record the live projector
	 * recorded. A live offset past the current end, left by an earlier topic of the same
	 * name, is capped at the current end, so that the replay does not wait for it.
	 */
	private static Map<TopicPartition, Long> liveTargets(JdbcTemplate transaction, Map<TopicPartition, Long> end,
			Map<TopicPartition, Long> currentEnd) {
		Map<TopicPartition, Long> targets = new HashMap<>(end);
		ShadowSchema.recordedOffsets(transaction, ReadModelSchema.LIVE).forEach((partition, offset) -> {
			TopicPartition topicPartition = new TopicPartition(PetziTopics.RAW, partition);
			if (targets.containsKey(topicPartition)) {
				long recorded = Math.min(offset + 1, currentEnd.get(topicPartition));
				targets.merge(topicPartition, recorded, Math::max);
			}
		});
		return targets;
	}

	private void print(List<TableComparison> comparisons) {
		this.out.printf("%-20s %12s %12s  %-32s  %-32s%n", "table", "live rows", "shadow rows", "live md5",
				"shadow md5");
		for (TableComparison comparison : comparisons) {
			this.out.printf("%-20s %12d %12d  %-32s  %-32s  %s%n", comparison.table(), comparison.liveRows(),
					comparison.shadowRows(), comparison.liveChecksum(), comparison.shadowChecksum(),
					comparison.agrees() ? "agree" : "DIFFER");
			for (String difference : comparison.differences()) {
				this.out.printf("    %s%n", difference);
			}
		}
		this.out.printf("Compared columns: all but %s%n", ShadowSchema.EXCLUDED_COLUMNS);
	}

	private void printNotSwapped() {
		this.out.printf(
				"Did not swap: %s differs from %s. It stays for inspection until the next rebuild. "
						+ "To replace the live read model anyway, run the rebuild again with --swap.%n",
				ShadowSchema.SHADOW, ReadModelSchema.LIVE);
	}

}
