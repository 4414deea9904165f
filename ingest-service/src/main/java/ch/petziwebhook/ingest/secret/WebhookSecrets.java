package ch.petziwebhook.ingest.secret;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.petziwebhook.model.SignatureVerifier;
import ch.petziwebhook.model.WebhookSecret;
import ch.petziwebhook.model.WebhookSecretsSetting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Current webhook secrets and the verifier that uses them. Until the settings topic has
 * been read, the secrets of {@code petzi.webhook.secrets} (slots {@code config-1},
 * {@code config-2}, ...) and those of the disk copy of the last topic record are accepted
 * together. Once a {@link WebhookSecretsSetting#KEY} record arrives, its list replaces
 * all of them, property secrets included, and is saved as the new disk copy, readable
 * only by its owner. Secrets never appear in logs: only slot names and counts.
 */
public final class WebhookSecrets {

	private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final List<WebhookSecret> configured;

	private final Duration tolerance;

	private final Clock clock;

	private final Path diskCopy;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private volatile SignatureVerifier verifier;

	/**
	 * Creates the secrets from the properties and the disk copy, if there is one.
	 * @param propertySecrets the secrets of {@code petzi.webhook.secrets}
	 * @param tolerance the accepted clock difference of signature timestamps
	 * @param clock the clock
	 * @param diskCopy the file that keeps the last secrets read from the settings topic
	 */
	public WebhookSecrets(List<String> propertySecrets, Duration tolerance, Clock clock, Path diskCopy) {
		this.configured = SignatureVerifier.configSecrets(propertySecrets);
		this.tolerance = tolerance;
		this.clock = clock;
		this.diskCopy = diskCopy;

		List<WebhookSecret> saved = readDiskCopy();
		List<WebhookSecret> initial = new ArrayList<>(this.configured);
		initial.addAll(saved);
		this.verifier = SignatureVerifier.of(initial, tolerance, clock);
		log.info("Using {} webhook secrets from petzi.webhook.secrets and {} from the disk copy {} "
				+ "until the settings topic is read", this.configured.size(), saved.size(), diskCopy);
		warnWithoutSecret();
	}

	/**
	 * Returns the verifier of the current secrets.
	 */
	public SignatureVerifier verifier() {
		return this.verifier;
	}

	/**
	 * Applies a record of the settings topic: its secrets replace the current ones and
	 * the disk copy.
	 * @param value the record value, or {@code null} for a tombstone, which returns to
	 * the property secrets and deletes the disk copy
	 */
	public void apply(byte[] value) {
		if (value == null) {
			this.verifier = SignatureVerifier.of(this.configured, this.tolerance, this.clock);
			deleteDiskCopy();
			log.info("Webhook secrets setting was deleted, using {} secrets from petzi.webhook.secrets",
					this.configured.size());
			warnWithoutSecret();
			return;
		}
		WebhookSecretsSetting setting;
		try {
			setting = this.jsonMapper.readValue(value, WebhookSecretsSetting.class);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			// The parser's message may quote the value, which contains secrets.
			log.warn("Ignored a webhook secrets setting that is not valid JSON of WebhookSecretsSetting ({})",
					ex.getClass().getSimpleName());
			return;
		}
		this.verifier = SignatureVerifier.of(setting.secrets(), this.tolerance, this.clock);
		writeDiskCopy(value);
		log.info("Using webhook secrets from the settings topic in slots {}", slotsWithExpiry(setting.secrets()));
		warnWithoutSecret();
	}

	private List<WebhookSecret> readDiskCopy() {
		if (!Files.isRegularFile(this.diskCopy)) {
			return List.of();
		}
		try {
			return this.jsonMapper.readValue(Files.readAllBytes(this.diskCopy), WebhookSecretsSetting.class).secrets();
		}
		catch (IOException | JacksonException | IllegalArgumentException | NullPointerException ex) {
			log.warn("Ignored the unreadable webhook secrets disk copy {} ({})", this.diskCopy,
					ex.getClass().getSimpleName());
			return List.of();
		}
	}

	private void writeDiskCopy(byte[] value) {
		try {
			Files.createDirectories(this.diskCopy.getParent());
			Path temporary = this.diskCopy.resolveSibling(this.diskCopy.getFileName() + ".tmp");
			Files.deleteIfExists(temporary);
			if (POSIX) {
				Files.createFile(temporary,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.write(temporary, value);
			Files.move(temporary, this.diskCopy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			log.warn("Failed to write the webhook secrets disk copy {}: {}", this.diskCopy, ex.getMessage());
		}
	}

	private void deleteDiskCopy() {
		try {
			Files.deleteIfExists(this.diskCopy);
		}
		catch (IOException ex) {
			log.warn("Failed to delete the webhook secrets disk copy {}: {}", this.diskCopy, ex.getMessage());
		}
	}

	private void warnWithoutSecret() {
		if (!this.verifier.hasSecrets()) {
			// Fail closed: keep serving health checks and metrics, but reject every
			// delivery until a secret is configured.
			log.warn("No webhook secret is configured, so every delivery will be rejected with 401; "
					+ "set petzi.webhook.secrets (PETZI_WEBHOOK_SECRETS) or save the secrets in the dashboard's settings");
		}
	}

	private static List<String> slotsWithExpiry(List<WebhookSecret> secrets) {
		return secrets.stream()
			.map((secret) -> (secret.expiresAt() != null) ? secret.slot() + " (expires " + secret.expiresAt() + ")"
					: secret.slot())
			.toList();
	}

}
