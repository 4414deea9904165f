package ch.petziwebhook.dashboard.health;

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
 * Informational health of the Kafka cluster: {@code UP} with the cluster id and broker
 * count when an admin client's {@code describeCluster} returned within the timeout,
 * {@code UNKNOWN} with the error otherwise. The dashboard serves its pages without Kafka
 * (only a secret change and the projector lag need it), and Boot's default aggregation
 * ranks {@code UNKNOWN} below {@code UP}, so an outage never turns the dashboard's health
 * {@code DOWN}. The result is kept for a while, so probes do not query the cluster more
 * often than that.
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
			return Health.unknown().withDetail("error", "Interrupted while waiting for the cluster").build();
		}
		catch (ExecutionException | TimeoutException ex) {
			return Health.unknown()
				.withDetail("error", "No response from the cluster within " + this.timeout.toMillis() + " ms")
				.build();
		}
	}

}
