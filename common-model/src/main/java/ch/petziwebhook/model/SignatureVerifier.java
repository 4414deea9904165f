package ch.petziwebhook.model;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import ch.petziwebhook.model.SignatureVerificationException.Reason;

/**
 * Verifier of {@code Petzi-Signature} headers against one or more secrets. Any {@code v1}
 * that matches any secret passes, so that a secret can be rotated while Petzi still signs
 * with the previous one. MACs are compared in constant time, and the timestamp must lie
 * within the tolerance of the clock in either direction.
 */
public final class SignatureVerifier {

	private final List<WebhookSigner> signers;

	private final Duration tolerance;

	private final Clock clock;

	public SignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
		this.signers = secrets.stream().filter((secret) -> !secret.isEmpty()).map(WebhookSigner::new).toList();
		this.tolerance = Objects.requireNonNull(tolerance, "tolerance must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		if (tolerance.isNegative()) {
			throw new IllegalArgumentException("Signature tolerance must not be negative, got " + tolerance);
		}
	}

	/**
	 * Returns whether at least one secret is configured.
	 */
	public boolean hasSecrets() {
		return !this.signers.isEmpty();
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
		if (!hasSecrets()) {
			throw new SignatureVerificationException(Reason.NO_SECRET_CONFIGURED,
					"No webhook secret is configured, so no signature can be verified; set petzi.webhook.secrets");
		}
		if (header == null || header.isBlank()) {
			throw new SignatureVerificationException(Reason.MISSING_SIGNATURE, "Missing Petzi-Signature header");
		}
		SignatureHeader parsed = SignatureHeader.parse(header);
		if (!matchesAnySecret(parsed, body)) {
			throw new SignatureVerificationException(Reason.SIGNATURE_MISMATCH,
					"Petzi-Signature matches no configured secret for this body");
		}
		checkWindow(parsed.timestamp());
		return parsed;
	}

	private boolean matchesAnySecret(SignatureHeader header, byte[] body) {
		boolean matched = false;
		for (WebhookSigner signer : this.signers) {
			byte[] expected = signer.mac(header.timestamp(), body);
			for (byte[] candidate : header.macs()) {
				// Keep comparing after a match so that the time taken does not depend on
				// the
				// position of the matching secret.
				matched |= MessageDigest.isEqual(expected, candidate);
			}
		}
		return matched;
	}

	private void checkWindow(long timestamp) {
		long skew = this.clock.instant().getEpochSecond() - timestamp;
		if (Math.abs(skew) > this.tolerance.toSeconds()) {
			String direction = (skew > 0) ? "seconds ago" : "seconds in the future";
			throw new SignatureVerificationException(Reason.TIMESTAMP_OUT_OF_WINDOW,
					"Petzi-Signature timestamp t=" + timestamp + " was made " + Math.abs(skew) + " " + direction
							+ ", outside the accepted window of " + this.tolerance.toSeconds() + " seconds");
		}
	}

}
