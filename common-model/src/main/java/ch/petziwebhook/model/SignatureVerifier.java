package ch.petziwebhook.model;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ch.petziwebhook.model.SignatureVerificationException.Reason;

/**
 * Verifier of {@code Petzi-Signature} headers against one or more secrets. Any {@code v1}
 * that matches any secret passes, so that a secret can be rotated while Petzi still signs
 * with the previous one. MACs are compared in constant time, and the timestamp must lie
 * within the tolerance of the clock in either direction. A secret with an expiry is
 * accepted only before it.
 */
public final class SignatureVerifier {

	/** Prefix of the slot names given to secrets passed as plain strings. */
	public static final String CONFIG_SLOT_PREFIX = "config-";

	private final List<SlotSigner> signers;

	private final Duration tolerance;

	private final Clock clock;

	/**
	 * Creates a verifier of secrets that never expire, in slots named {@code config-1},
	 * {@code config-2} and so on. Empty secrets are dropped.
	 */
	public SignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
		this(tolerance, clock, configSecrets(secrets));
	}

	private SignatureVerifier(Duration tolerance, Clock clock, List<WebhookSecret> secrets) {
		this.signers = secrets.stream()
			.filter((secret) -> !secret.secret().isEmpty())
			.map((secret) -> new SlotSigner(secret, new WebhookSigner(secret.secret())))
			.toList();
		this.tolerance = Objects.requireNonNull(tolerance, "tolerance must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		if (tolerance.isNegative()) {
			throw new IllegalArgumentException("Signature tolerance must not be negative, got " + tolerance);
		}
	}

	/**
	 * Creates a verifier of secrets in named slots, each accepted until its expiry.
	 * Secrets with an empty value are dropped.
	 */
	public static SignatureVerifier of(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
		return new SignatureVerifier(tolerance, clock, secrets);
	}

	/**
	 * Puts plain secrets into slots named {@code config-1}, {@code config-2} and so on,
	 * without expiry, dropping empty ones.
	 */
	public static List<WebhookSecret> configSecrets(List<String> secrets) {
		List<WebhookSecret> slotted = new ArrayList<>();
		for (String secret : secrets) {
			if (secret != null && !secret.isEmpty()) {
				slotted.add(new WebhookSecret(CONFIG_SLOT_PREFIX + (slotted.size() + 1), secret, null));
			}
		}
		return slotted;
	}

	/**
	 * Returns whether at least one secret is accepted now.
	 */
	public boolean hasSecrets() {
		return !activeSigners(this.clock.instant()).isEmpty();
	}

	/**
	 * Returns the slots of the secrets accepted now, in order.
	 */
	public List<String> activeSlots() {
		return activeSigners(this.clock.instant()).stream().map((signer) -> signer.secret().slot()).toList();
	}

	/**
	 * Verifies a signature header over the raw body.
	 * @param header the {@code Petzi-Signature} value, or {@code null} when absent
	 * @param body the raw body bytes as received
	 * @return the parsed header of the accepted signature
	 * @throws SignatureVerificationException if the signature is missing, malformed,
	 * matches no secret or was made outside the accepted window
	 */
	public SignatureHeader verify(String header, byte[] body) {
		Instant now = this.clock.instant();
		List<SlotSigner> active = activeSigners(now);
		SignatureHeader parsed = parseHeader(header, active);
		long skew = now.getEpochSecond() - parsed.timestamp();
		List<String> slots = active.stream().map((signer) -> signer.secret().slot()).toList();
		if (!matchesAnySecret(active, parsed, body)) {
			throw new SignatureVerificationException(Reason.SIGNATURE_MISMATCH,
					"Petzi-Signature matches no configured secret for this body", skew, slots);
		}
		checkWindow(parsed.timestamp(), skew, slots);
		return parsed;
	}

	/**
	 * Checks what can be checked without the body: that a secret is active and that the
	 * header is present and well formed. A receiver calls it before reading the body, so
	 * that a request without a usable signature costs no body upload.
	 * @param header the {@code Petzi-Signature} value, or {@code null} when absent
	 * @return the parsed header
	 * @throws SignatureVerificationException if no secret is active, or the header is
	 * missing or malformed
	 */
	public SignatureHeader parseHeader(String header) {
		return parseHeader(header, activeSigners(this.clock.instant()));
	}

	private SignatureHeader parseHeader(String header, List<SlotSigner> active) {
		if (active.isEmpty()) {
			throw new SignatureVerificationException(Reason.NO_SECRET_CONFIGURED, this.signers.isEmpty()
					? "No webhook secret is configured, so no signature can be verified; set petzi.webhook.secrets"
					: "Every configured webhook secret has expired, so no signature can be verified; "
							+ "configure a new secret");
		}
		if (header == null || header.isBlank()) {
			throw new SignatureVerificationException(Reason.MISSING_SIGNATURE, "Missing Petzi-Signature header");
		}
		return SignatureHeader.parse(header);
	}

	private List<SlotSigner> activeSigners(Instant now) {
		return this.signers.stream().filter((signer) -> signer.secret().isActiveAt(now)).toList();
	}

	private static boolean matchesAnySecret(List<SlotSigner> signers, SignatureHeader header, byte[] body) {
		boolean matched = false;
		for (SlotSigner signer : signers) {
			byte[] expected = signer.signer().mac(header.timestamp(), body);
			for (byte[] candidate : header.macs()) {
				// Keep comparing after a match so that the time taken does not depend on
				// the
				// position of the matching secret.
				matched |= MessageDigest.isEqual(expected, candidate);
			}
		}
		return matched;
	}

	private void checkWindow(long timestamp, long skew, List<String> slots) {
		if (Math.abs(skew) > this.tolerance.toSeconds()) {
			String direction = (skew > 0) ? "seconds ago" : "seconds in the future";
			throw new SignatureVerificationException(Reason.TIMESTAMP_OUT_OF_WINDOW,
					"Petzi-Signature timestamp t=" + timestamp + " was made " + Math.abs(skew) + " " + direction
							+ ", outside the accepted window of " + this.tolerance.toSeconds() + " seconds",
					skew, slots);
		}
	}

	private record SlotSigner(WebhookSecret secret, WebhookSigner signer) {

	}

}
