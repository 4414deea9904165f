package ch.petziwebhook.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Record published on {@value PetziTopics#REJECTED} for a request that ingest rejected.
 * It carries what an admin needs to see why Petzi's calls fail, and never the body, the
 * signature or a secret.
 *
 * @param rejectedAt when ingest rejected the request
 * @param reason a stable code such as {@code signature_mismatch} or
 * {@code timestamp_out_of_window}
 * @param status the HTTP status returned
 * @param detail the message returned to the client
 * @param remoteAddress the client's address
 * @param userAgent the {@code User-Agent} header, or {@code null}
 * @param petziVersion the {@code Petzi-Version} header, or {@code null}
 * @param bodyLength the number of body bytes read, or the declared length when the body
 * was too large to read
 * @param bodySha256 the lower-case hex SHA-256 of the body, or {@code null} when it was
 * not read
 * @param timestampSkewSeconds the receive time minus the signature's {@code t} in
 * seconds, or {@code null} when no timestamp could be read
 * @param secretSlotsTried the slots of the secrets the signature was checked against
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RejectedWebhook(Instant rejectedAt, String reason, int status, String detail, String remoteAddress,
		String userAgent, String petziVersion, long bodyLength, String bodySha256, Long timestampSkewSeconds,
		List<String> secretSlotsTried) {

	public RejectedWebhook {
		secretSlotsTried = (secretSlotsTried != null) ? List.copyOf(secretSlotsTried) : List.of();
	}

}
