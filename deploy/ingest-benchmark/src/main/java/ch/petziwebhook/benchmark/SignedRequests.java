package ch.petziwebhook.benchmark;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import ch.petziwebhook.model.WebhookSigner;

/**
 * Builder of complete HTTP/1.1 requests for {@code POST /webhook}, each with its own
 * ticket number, signed with the shared secret. The benchmark builds every request of a
 * level before its clock starts, so that neither JSON formatting nor the HMAC counts
 * against the CPU that the measured processes share with it.
 */
final class SignedRequests {

	private static final String BODY_TEMPLATE = """
			{"event":"ticket_created","details":{"ticket":{"number":"%s","type":"online_presale",\
			"title":"Benchmark","category":"Standard","eventId":1,"event":"Benchmark","cancellationReason":"",\
			"sessions":[],"promoter":"Benchmark","price":{"amount":"10.00","currency":"CHF"}},\
			"buyer":{"role":"customer","firstName":null,"lastName":null,"postcode":"1000"}}}""";

	private final String ticketPrefix;

	private final WebhookSigner signer;

	private final String requestLine;

	private final String host;

	private final AtomicLong sequence = new AtomicLong();

	SignedRequests(URI webhookUri, String secret, String runId) {
		this.ticketPrefix = "BENCH-" + runId + "-";
		this.signer = new WebhookSigner(secret);
		String path = (webhookUri.getRawPath() == null || webhookUri.getRawPath().isEmpty()) ? "/"
				: webhookUri.getRawPath();
		this.requestLine = "POST " + path + " HTTP/1.1\r\n";
		this.host = webhookUri.getHost() + ":" + webhookUri.getPort();
	}

	/**
	 * Returns the next unique ticket number.
	 */
	String nextTicketNumber() {
		return this.ticketPrefix + this.sequence.incrementAndGet();
	}

	/**
	 * Returns a webhook body for the ticket number, the same size as those that ingest
	 * receives in the benchmark.
	 */
	static byte[] body(String ticketNumber) {
		return String.format(BODY_TEMPLATE, ticketNumber).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Builds the given number of requests, each with a new ticket number, signed now.
	 */
	byte[][] build(int count) {
		long timestamp = Instant.now().getEpochSecond();
		byte[][] requests = new byte[count][];
		for (int i = 0; i < count; i++) {
			requests[i] = request(body(nextTicketNumber()), timestamp);
		}
		return requests;
	}

	private byte[] request(byte[] body, long timestamp) {
		String head = this.requestLine + "Host: " + this.host + "\r\n" + "Content-Type: application/json\r\n"
				+ "User-Agent: PETZI webhook benchmark\r\n" + "Petzi-Version: 2\r\n" + "Petzi-Signature: "
				+ this.signer.header(timestamp, body) + "\r\n" + "Content-Length: " + body.length + "\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, request, 0, headBytes.length);
		System.arraycopy(body, 0, request, headBytes.length, body.length);
		return request;
	}

}
