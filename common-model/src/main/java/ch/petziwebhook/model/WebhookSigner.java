package ch.petziwebhook.model;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signer of webhook bodies with Petzi's scheme: {@code v1} is the lower-case hex
 * HMAC-SHA256 of {@code t + "." + body}, keyed with the secret's UTF-8 bytes. Used by
 * ingest to verify, and by tests and the sample feeder to sign.
 */
public final class WebhookSigner {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	/**
	 * One initialized MAC per thread, because {@code Mac.getInstance} and {@code init}
	 * look up the provider and set up the key on every call, and a {@code Mac} is not
	 * thread-safe. {@code doFinal} resets it for the next use.
	 */
	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

	public WebhookSigner(String secret) {
		Objects.requireNonNull(secret, "secret must not be null");
		if (secret.isEmpty()) {
			throw new IllegalArgumentException("Webhook secret must not be empty");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * Computes the raw 32-byte MAC of a body signed at the given time.
	 * @param timestamp the signature time in unix seconds
	 * @param body the raw body bytes
	 * @return the MAC bytes
	 */
	public byte[] mac(long timestamp, byte[] body) {
		Mac mac = this.macs.get();
		mac.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
		mac.update((byte) '.');
		return mac.doFinal(body);
	}

	/**
	 * Builds the {@code Petzi-Signature} header value for a body signed at the given
	 * time.
	 * @param timestamp the signature time in unix seconds
	 * @param body the raw body bytes
	 * @return the header value, {@code t=<timestamp>,v1=<64 hex>}
	 */
	public String header(long timestamp, byte[] body) {
		return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(timestamp, body));
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

}
