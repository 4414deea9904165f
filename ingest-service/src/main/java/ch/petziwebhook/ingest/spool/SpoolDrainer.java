package ch.petziwebhook.ingest.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Background publisher of spooled deliveries. One thread reads the oldest segment in
 * order, publishes a batch, waits for Kafka's acknowledgements and moves on only past the
 * acknowledged records, so a ticket's records keep their order. It deletes a segment once
 * every record in it is published, and waits with a growing back-off while Kafka fails.
 * <p>
 * A record whose send from the request thread was still unresolved when it was spooled,
 * or whose send from an earlier drain round was, is not sent again before that send has
 * failed (see {@link InFlightSends}), so a late acknowledgement causes no second copy.
 * <p>
 * A record whose earlier send failed may still be in the topic: the broker can write it
 * and die before it responds, and the producer then reports a timeout. A record that an
 * earlier run left in the spool may be there too, when that run crashed after Kafka took
 * it. Before sending such records, the drainer looks up with {@link PublishedDeliveries}
 * which of them the raw topic contains, and skips those. Records that only queued behind
 * the spool were never sent and go out without the check.
 * <p>
 * NOTE: delivery is exact only where that check succeeds. A record is written twice in
 * three cases. The check failed for longer than the give-up time, so the drainer sent
 * without it. A failed send reached a live but slow broker after the check read the
 * partition. The raw producer uses a custom partitioner, so the check read another
 * partition.
 */
public final class SpoolDrainer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);

	private static final int BATCH_SIZE = 500;

	private static final Duration IDLE_WAIT = Duration.ofMillis(100);

	private static final Duration MIN_BACKOFF = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	private final Spool spool;

	private final KafkaTemplate<String, byte[]> kafkaTemplate;

	private final BrokerMonitor brokerMonitor;

	private final Duration publishTimeout;

	private final InFlightSends inFlightSends;

	private final Counter drained;

	private final Counter skipped;

	private final PublishedDeliveries publishedDeliveries;

	private final Duration checkGiveUp;

	private @Nullable Long checkFailingSince;

	private volatile @Nullable Thread thread;

	private volatile boolean running;

	private @Nullable SpoolSegment segment;

	private @Nullable FileChannel reader;

	private long position;

	public SpoolDrainer(Spool spool, KafkaTemplate<String, byte[]> kafkaTemplate, BrokerMonitor brokerMonitor,
			Duration publishTimeout, InFlightSends inFlightSends, PublishedDeliveries publishedDeliveries,
			Duration checkGiveUp, MeterRegistry meterRegistry) {
		this.spool = spool;
		this.kafkaTemplate = kafkaTemplate;
		this.brokerMonitor = brokerMonitor;
		this.publishTimeout = publishTimeout;
		this.inFlightSends = inFlightSends;
		this.publishedDeliveries = publishedDeliveries;
		this.checkGiveUp = checkGiveUp;
		this.drained = Counter.builder("petzi.ingest.deliveries.drained")
			.description("Spooled deliveries that the drainer published to Kafka")
			.register(meterRegistry);
		this.skipped = Counter.builder("petzi.ingest.deliveries.drain.skipped")
			.description("Spooled deliveries that the drainer did not send because the raw topic held them already")
			.register(meterRegistry);
	}

	@Override
	public void start() {
		this.running = true;
		Thread drainer = new Thread(this::run, "spool-drainer");
		drainer.setDaemon(true);
		this.thread = drainer;
		drainer.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread drainer = this.thread;
		if (drainer != null) {
			LockSupport.unpark(drainer);
			try {
				drainer.join(this.publishTimeout.plusSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		closeReader();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		Duration backoff = MIN_BACKOFF;
		while (this.running) {
			try {
				if (drainBatch()) {
					backoff = MIN_BACKOFF;
				}
				else {
					LockSupport.parkNanos(IDLE_WAIT.toNanos());
				}
			}
			catch (PublishFailedException ex) {
				log.warn("Failed to publish spooled deliveries, {} left, retrying in {}: {}", this.spool.depth(),
						backoff, ex.getMessage());
				LockSupport.parkNanos(backoff.toNanos());
				backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
			}
			catch (IOException | RuntimeException ex) {
				log.error("Failed to drain spool {}, retrying in {}", this.spool.directory(), backoff, ex);
				closeReader();
				LockSupport.parkNanos(backoff.toNanos());
				backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
			}
		}
	}

	/**
	 * Publishes the next batch of spooled records.
	 * @return whether there was anything to do
	 * @throws PublishFailedException if Kafka did not acknowledge a record of the batch
	 * @throws IOException if the segment cannot be read
	 */
	boolean drainBatch() throws IOException {
		SpoolSegment head = this.spool.head();
		if (head == null) {
			return false;
		}
		FileChannel channel = readerFor(head);
		long limit = head.size;
		List<SpooledRecord> batch = new ArrayList<>();
		TornRecordException torn = null;
		long next = this.position;
		try {
			while (batch.size() < BATCH_SIZE && next < limit) {
				SpooledRecord record = Spool.read(channel, next, limit);
				batch.add(record);
				next = record.end();
			}
		}
		catch (TornRecordException ex) {
			torn = ex;
		}
		if (batch.isEmpty()) {
			return finishSegment(head, torn);
		}
		publish(head, batch);
		return true;
	}

	private boolean finishSegment(SpoolSegment head, @Nullable TornRecordException torn) {
		if (torn != null) {
			this.spool.discardTail(head, torn.getPosition(), torn.getMessage());
			closeReader();
			return true;
		}
		if (this.spool.release(head, this.position)) {
			log.debug("Deleted spool segment {}, all of its records are published", head);
			closeReader();
			return true;
		}
		return false;
	}

	private void publish(SpoolSegment head, List<SpooledRecord> batch) {
		// Each record has its own send. A record whose earlier send is still unresolved
		// is waited for, and one whose earlier send succeeded is not sent again. A record
		// whose earlier send failed, or that an earlier run left in the spool, may be in
		// the topic already: the raw topic is checked for those first, once per round.
		long deadline = System.nanoTime() + this.publishTimeout.toNanos();
		boolean leftByEarlierRun = this.spool.leftByEarlierRun(head);
		List<@Nullable CompletableFuture<?>> earlierSends = new ArrayList<>(batch.size());
		List<RawDelivery> doubtful = new ArrayList<>();
		String stop = null;
		for (SpooledRecord record : batch) {
			CompletableFuture<?> earlier = this.inFlightSends.get(record.delivery().id());
			if (earlier != null && !await(earlier, deadline)) {
				// Later records of its ticket must not overtake it in case it fails.
				stop = "the send of delivery " + record.delivery().id() + " is not resolved yet";
				break;
			}
			earlierSends.add(earlier);
			if ((earlier != null) ? earlier.isCompletedExceptionally() : leftByEarlierRun) {
				doubtful.add(record.delivery());
			}
		}
		Set<UUID> present = alreadyPublished(doubtful);
		if (!doubtful.isEmpty()) {
			// The check may have used up the publish timeout, and the sends start now.
			deadline = System.nanoTime() + this.publishTimeout.toNanos();
		}
		List<CompletableFuture<?>> results = new ArrayList<>(earlierSends.size());
		int skipped = 0;
		for (int i = 0; i < earlierSends.size(); i++) {
			RawDelivery delivery = batch.get(i).delivery();
			CompletableFuture<?> earlier = earlierSends.get(i);
			if (earlier != null && !earlier.isCompletedExceptionally()) {
				results.add(earlier);
				continue;
			}
			if (present.contains(delivery.id())) {
				log.debug("Skipped spooled delivery {}, the raw topic contains it already", delivery.id());
				results.add(CompletableFuture.completedFuture(null));
				skipped++;
				continue;
			}
			try {
				CompletableFuture<SendResult<String, byte[]>> result = this.kafkaTemplate
					.send(delivery.toProducerRecord());
				this.inFlightSends.track(delivery.id(), result);
				results.add(result);
			}
			catch (RuntimeException ex) {
				// send() throws when the broker's metadata did not arrive within
				// max.block.ms; the records sent before it still count.
				stop = rootMessage(ex);
				break;
			}
		}
		this.skipped.increment(skipped);
		int acknowledged = 0;
		for (CompletableFuture<?> result : results) {
			if (!await(result, deadline)) {
				// The record stays tracked, so the next round waits for this send again
				// instead of sending the record a second time.
				stop = "no acknowledgement within " + this.publishTimeout;
				break;
			}
			if (result.isCompletedExceptionally()) {
				stop = rootMessage(failureOf(result));
				break;
			}
			log.debug("Published spooled delivery {}", batch.get(acknowledged).delivery().id());
			acknowledged++;
		}
		advance(head, batch, acknowledged);
		if (stop != null) {
			this.brokerMonitor.failed(stop);
			throw new PublishFailedException(stop);
		}
		this.brokerMonitor.acknowledged();
	}

	/**
	 * Returns the ids of the doubtful deliveries that the raw topic contains. While the
	 * check fails, the round fails too and is retried, because a send would most likely
	 * fail as well, or succeed just after the broker returned and write a second copy.
	 * Once the check has failed for longer than the give-up time, the deliveries are sent
	 * without it (at least once) until a check succeeds again.
	 */
	private Set<UUID> alreadyPublished(List<RawDelivery> doubtful) {
		if (doubtful.isEmpty()) {
			return Set.of();
		}
		try {
			Set<UUID> found = this.publishedDeliveries.find(doubtful);
			this.checkFailingSince = null;
			return found;
		}
		catch (RuntimeException ex) {
			long now = System.nanoTime();
			Long since = this.checkFailingSince;
			if (since == null) {
				since = now;
				this.checkFailingSince = since;
			}
			if (now - since < this.checkGiveUp.toNanos()) {
				String failure = "failed to check whether the raw topic contains " + doubtful.size()
						+ " spooled deliveries: " + rootMessage(ex);
				this.brokerMonitor.failed(failure);
				throw new PublishFailedException(failure);
			}
			log.warn(
					"Failed to check whether the raw topic contains {} spooled deliveries for {}, sending them "
							+ "unchecked, so the topic may get a second copy under the same delivery id: {}",
					doubtful.size(), this.checkGiveUp, rootMessage(ex));
			return Set.of();
		}
	}

	private static boolean await(CompletableFuture<?> result, long deadline) {
		try {
			result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException | CancellationException ex) {
			// Resolved as failed.
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		return true;
	}

	private static Throwable failureOf(CompletableFuture<?> result) {
		try {
			result.join();
			return new IllegalStateException("no failure");
		}
		catch (CompletionException | CancellationException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	private void advance(SpoolSegment head, List<SpooledRecord> batch, int acknowledged) {
		if (acknowledged == 0) {
			return;
		}
		this.position = batch.get(acknowledged - 1).end();
		for (int i = 0; i < acknowledged; i++) {
			this.inFlightSends.forget(batch.get(i).delivery().id());
		}
		SpooledRecord next = (acknowledged < batch.size()) ? batch.get(acknowledged) : null;
		this.spool.published(head, acknowledged, (next != null) ? next.delivery().receivedAt() : null);
		this.drained.increment(acknowledged);
		log.info("Published {} spooled deliveries, {} left in the spool", acknowledged, this.spool.depth());
	}

	private FileChannel readerFor(SpoolSegment head) throws IOException {
		FileChannel channel = this.reader;
		if (head != this.segment || channel == null) {
			closeReader();
			channel = FileChannel.open(head.path, StandardOpenOption.READ);
			this.reader = channel;
			this.segment = head;
			this.position = 0;
		}
		return channel;
	}

	private void closeReader() {
		FileChannel channel = this.reader;
		this.reader = null;
		this.segment = null;
		this.position = 0;
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				log.debug("Failed to close a spool reader: {}", ex.getMessage());
			}
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/**
	 * Exception thrown when Kafka did not acknowledge a spooled record.
	 */
	static final class PublishFailedException extends RuntimeException {

		PublishFailedException(String message) {
			super(message);
		}

	}

}
