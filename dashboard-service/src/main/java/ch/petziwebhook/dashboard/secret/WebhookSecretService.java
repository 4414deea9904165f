package ch.petziwebhook.dashboard.secret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import ch.petziwebhook.model.WebhookSecret;
import ch.petziwebhook.model.WebhookSecretsSetting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds, rotates and removes the webhook secrets. Every change is stored and then
 * published as the whole list. When Kafka does not acknowledge it, the change is rolled
 * back, so the table and the topic stay alike.
 */
@Service
public class WebhookSecretService {

	/** The slot of the secret Petzi signs with now. */
	public static final String CURRENT = "current";

	/** The slot of the secret a rotation replaced, accepted until it expires. */
	public static final String PREVIOUS = "previous";

	static final int MIN_LENGTH = 16;

	static final int MAX_LENGTH = 256;

	private static final Logger log = LoggerFactory.getLogger(WebhookSecretService.class);

	private static final Pattern SLOT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	private final WebhookSecretRepository secrets;

	private final SettingsPublisher publisher;

	private final Clock clock = Clock.systemUTC();

	WebhookSecretService(WebhookSecretRepository secrets, SettingsPublisher publisher) {
		this.secrets = secrets;
		this.publisher = publisher;
	}

	/**
	 * Lists the secrets without showing them.
	 */
	public List<SecretView> list() {
		Instant now = this.clock.instant();
		return this.secrets.findAll()
			.stream()
			.map((secret) -> new SecretView(secret.slot(), hint(secret.secret()), secret.expiresAt(),
					secret.isActiveAt(now)))
			.toList();
	}

	/**
	 * Adds a secret in a new slot.
	 * @throws SecretException naming the message key of the broken rule
	 */
	@Transactional
	public void add(String slot, String secret, String changedBy) {
		checkSlot(slot);
		checkSecret(secret);
		this.secrets.lockTable();
		if (this.secrets.findBySlot(slot).isPresent()) {
			throw new SecretException("secrets.slotTaken");
		}

		this.secrets.save(new WebhookSecret(slot, secret, null), changedBy);
		publish();
		log.info("Added a webhook secret in slot '{}' on request of '{}'", slot, changedBy);
	}

	/**
	 * Makes a new secret the current one. The old current secret moves to the previous
	 * slot and is accepted for {@code keepOldFor}, so that Petzi can switch over.
	 * @throws SecretException naming the message key of the broken rule
	 */
	@Transactional
	public void rotate(String secret, Duration keepOldFor, String changedBy) {
		checkSecret(secret);
		if (keepOldFor.isNegative() || keepOldFor.compareTo(Duration.ofDays(30)) > 0) {
			throw new SecretException("secrets.invalidExpiry");
		}
		this.secrets.lockTable();

		Optional<WebhookSecret> current = this.secrets.findBySlot(CURRENT);
		if (current.isPresent()) {
			Instant expiresAt = this.clock.instant().plus(keepOldFor);
			this.secrets.save(new WebhookSecret(PREVIOUS, current.get().secret(), expiresAt), changedBy);
		}
		this.secrets.save(new WebhookSecret(CURRENT, secret, null), changedBy);
		publish();
		log.info("Rotated the current webhook secret on request of '{}', the previous one is accepted for {}",
				changedBy, keepOldFor);
	}

	/**
	 * Removes the secret of a slot.
	 * @throws SecretException when the slot is unknown
	 */
	@Transactional
	public void remove(String slot, String changedBy) {
		this.secrets.lockTable();
		if (!this.secrets.delete(slot)) {
			throw new SecretException("secrets.unknown");
		}

		publish();
		log.info("Removed the webhook secret of slot '{}' on request of '{}'", slot, changedBy);
	}

	private void publish() {
		try {
			this.publisher.publish(new WebhookSecretsSetting(this.secrets.findAll()));
		}
		catch (SettingsPublisher.SettingsNotPublishedException ex) {
			throw new SecretException("secrets.notPublished");
		}
	}

	private static void checkSlot(String slot) {
		if (slot == null || !SLOT.matcher(slot).matches()) {
			throw new SecretException("secrets.invalidSlot");
		}
	}

	private static void checkSecret(String secret) {
		if (secret == null || secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH
				|| !secret.equals(secret.strip())) {
			throw new SecretException("secrets.invalidSecret");
		}
	}

	private static String hint(String secret) {
		return (secret.length() >= 20) ? "••••" + secret.substring(secret.length() - 4) : "••••";
	}

}
