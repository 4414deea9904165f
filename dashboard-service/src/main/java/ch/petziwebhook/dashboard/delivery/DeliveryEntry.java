package ch.petziwebhook.dashboard.delivery;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the delivery log: a delivery that the projector processed, or a request
 * that ingest rejected.
 *
 * @param id the delivery id, or the dashboard's id of a rejected request
 * @param at when ingest received the delivery or rejected the request
 * @param status {@code projected}, {@code stale}, {@code ignored}, {@code failed} or
 * {@code rejected}
 * @param event Petzi's event name, such as {@code ticket_created}, or {@code null}
 * @param ticketNumber the ticket number, or {@code null}
 * @param error why the projector failed, or {@code null}; the message may quote the
 * payload, so API tokens do not get it
 * @param source {@code partition@offset} of the record on the raw topic, or {@code null}
 * for a rejected request
 * @param rejection the details of a rejected request, or {@code null}
 * @param explanation what a rejection means and what to do about it, in the language of
 * the request, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryEntry(String id, OffsetDateTime at, String status, String event, String ticketNumber,
		String error, String source, Rejection rejection, String explanation) {

	static final String REJECTED = "rejected";

	DeliveryEntry withExplanation(String explanation) {
		return new DeliveryEntry(this.id, this.at, this.status, this.event, this.ticketNumber, this.error, this.source,
				this.rejection, explanation);
	}

	/** Returns the entry without the client's address, which only admins see. */
	DeliveryEntry withoutRemoteAddress() {
		Rejection without = (this.rejection != null) ? this.rejection.withoutRemoteAddress() : null;
		return new DeliveryEntry(this.id, this.at, this.status, this.event, this.ticketNumber, this.error, this.source,
				without, this.explanation);
	}

	/** Returns the entry without the projector's error, which may quote buyer data. */
	DeliveryEntry withoutError() {
		return new DeliveryEntry(this.id, this.at, this.status, this.event, this.ticketNumber, null, this.source,
				this.rejection, this.explanation);
	}

	/**
	 * The details that ingest recorded about a rejected request.
	 *
	 * @param reason ingest's code, such as {@code signature_mismatch}
	 * @param httpStatus the status ingest returned
	 * @param detail the message ingest returned
	 * @param remoteAddress the client's address, for admins only
	 * @param userAgent the {@code User-Agent} header, or {@code null}
	 * @param petziVersion the {@code Petzi-Version} header, or {@code null}
	 * @param bodyLength the body's length in bytes, read or declared
	 * @param bodySha256 the hex SHA-256 of the body, or {@code null} when it was not read
	 * @param timestampSkewSeconds the receive time minus the signature's time, or
	 * {@code null}
	 * @param secretSlotsTried the slots of the secrets the signature was checked against
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Rejection(String reason, int httpStatus, String detail, String remoteAddress, String userAgent,
			String petziVersion, long bodyLength, String bodySha256, Long timestampSkewSeconds,
			List<String> secretSlotsTried) {

		Rejection withoutRemoteAddress() {
			return new Rejection(this.reason, this.httpStatus, this.detail, null, this.userAgent, this.petziVersion,
					this.bodyLength, this.bodySha256, this.timestampSkewSeconds, this.secretSlotsTried);
		}

	}

}
