package ch.petziwebhook.projector.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the Kafka cluster as an admin client's {@code describeCluster} reports it:
 * {@code UP} with the cluster id and broker count when the cluster responded within the
 * timeout, {@code DOWN} otherwise. The result is kept for a while, so a probe that comes
 * more often than that does not query the cluster again, and no check waits longer than
 * the timeout.
 */
public final class KafkaHealthIndicator implements HealthIndicator {

	private final Admin admin;

	private final Duration timeout;

	private final Duration cacheTime;

	private final Clock clock;

	private @Nullable Health lastHealth;

	private Instant checkedAt = Instant.MIN;

	/**
	 * Creates the indicator.
	 * @param admin the admin client to ask; the caller closes it
	 * @param timeout how long one check waits for the cluster's response
	 * @param cacheTime how long a result is returned again before the next check
	 * @param clock the clock that measures the cache time
	 */
	public KafkaHealthIndicator(Admin admin, Duration timeout, Duration cacheTime, Clock clock) {
		this.admin = admin;
		this.timeout = timeout;
		this.cacheTime = cacheTime;
		this.clock = clock;
	}

	@Override
	public synchronized Health health() {
		Instant now = this.clock.instant();
		if (this.lastHealth == null || !now.isBefore(this.checkedAt.plus(this.cacheTime))) {
			this.lastHealth = check();
			this.checkedAt = now;
		}
		return this.lastHealth;
	}

	private Health check() {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		try {
			String clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			Collection<Node> nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			return Health.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size()).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "Interrupted while waiting for the cluster").build();
		}
		catch (ExecutionException | TimeoutException ex) {
			return Health.down()
				.withDetail("error", "No response from the cluster within " + this.timeout.toMillis() + " ms")
				.build();
		}
	}

}
