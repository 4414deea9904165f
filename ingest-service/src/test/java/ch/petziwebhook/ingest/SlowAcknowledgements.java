package ch.petziwebhook.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import ch.petziwebhook.model.PetziTopics;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Producer interceptor that holds up one acknowledgement from the raw topic after the
 * broker has written the record. The producer calls it on its network thread before it
 * completes the record's future, so the sender learns of the write late, and every later
 * acknowledgement waits as well. Configure it with
 * {@code spring.kafka.producer.properties.interceptor.classes}.
 */
public final class SlowAcknowledgements implements ProducerInterceptor<Object, Object> {

	private static final AtomicInteger passing = new AtomicInteger(-1);

	private static volatile Duration hold = Duration.ZERO;

	/**
	 * Lets a number of raw-topic acknowledgements through, then delays the next one for a
	 * while. Only one delay is armed at a time.
	 */
	public static void holdAfter(int acknowledgements, Duration duration) {
		hold = duration;
		passing.set(acknowledgements);
	}

	@Override
	public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
		return record;
	}

	@Override
	public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
		if (exception != null || metadata == null || !PetziTopics.RAW.equals(metadata.topic())) {
			return;
		}
		if (passing.get() >= 0 && passing.getAndDecrement() == 0) {
			long deadline = System.nanoTime() + hold.toNanos();
			for (long left = hold.toNanos(); left > 0; left = deadline - System.nanoTime()) {
				LockSupport.parkNanos(left);
			}
		}
	}

	@Override
	public void close() {
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}

}
