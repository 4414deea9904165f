package ch.petziwebhook.dashboard.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per username and per client address in a sliding window and blocks
 * both once they pass their limits. Counts live in memory, so a restart or a second
 * instance starts from zero.
 */
@Component
public class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	// Keeps memory bounded when an attacker varies usernames: expired entries are
	// dropped once this many keys exist.
	private static final int PRUNE_ABOVE_KEYS = 10_000;

	private final LoginProperties properties;

	private final Clock clock;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	@Autowired
	LoginThrottle(LoginProperties properties) {
		this(properties, Clock.systemUTC());
	}

	LoginThrottle(LoginProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Tells whether a login of this username from this address is blocked now.
	 */
	public boolean isBlocked(String username, String address) {
		Instant now = this.clock.instant();
		return recentFailures(accountKey(username), now) >= this.properties.maxFailuresPerAccount()
				|| recentFailures(addressKey(address), now) >= this.properties.maxFailuresPerAddress();
	}

	/**
	 * Records a failed login.
	 */
	public void recordFailure(String username, String address) {
		Instant now = this.clock.instant();
		pruneWhenLarge(now);

		int accountFailures = add(accountKey(username), now);
		int addressFailures = add(addressKey(address), now);

		if (accountFailures == this.properties.maxFailuresPerAccount()) {
			log.warn("Blocked logins of account '{}' for up to {} after {} failures", username,
					this.properties.window(), accountFailures);
		}
		if (addressFailures == this.properties.maxFailuresPerAddress()) {
			log.warn("Blocked logins from address {} for up to {} after {} failures", address, this.properties.window(),
					addressFailures);
		}
	}

	/**
	 * Forgets the failures of an account after a successful login. Failures of the
	 * address stay, so one good password does not reset a scan over many accounts.
	 */
	public void recordSuccess(String username) {
		this.failures.remove(accountKey(username));
	}

	private int add(String key, Instant now) {
		Deque<Instant> times = this.failures.computeIfAbsent(key, (ignored) -> new ArrayDeque<>());
		synchronized (times) {
			expire(times, now);
			times.addLast(now);
			return times.size();
		}
	}

	private int recentFailures(String key, Instant now) {
		Deque<Instant> times = this.failures.get(key);
		if (times == null) {
			return 0;
		}
		synchronized (times) {
			expire(times, now);
			return times.size();
		}
	}

	private void expire(Deque<Instant> times, Instant now) {
		Instant oldestCounted = now.minus(this.properties.window());
		while (!times.isEmpty() && !times.peekFirst().isAfter(oldestCounted)) {
			times.removeFirst();
		}
	}

	private void pruneWhenLarge(Instant now) {
		if (this.failures.size() <= PRUNE_ABOVE_KEYS) {
			return;
		}
		this.failures.entrySet().removeIf((entry) -> {
			synchronized (entry.getValue()) {
				expire(entry.getValue(), now);
				return entry.getValue().isEmpty();
			}
		});
	}

	private static String accountKey(String username) {
		return "account:" + ((username != null) ? username.toLowerCase(Locale.ROOT) : "");
	}

	private static String addressKey(String address) {
		return "address:" + ((address != null) ? address : "unknown");
	}

}
