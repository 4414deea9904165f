package ch.petziwebhook.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.test.PetziSamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP client for the running ingest service, sending requests the way Petzi does.
 */
public final class WebhookClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI baseUri;

	public WebhookClient(int port) {
		this.baseUri = URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * Starts a request to a path of the service, with a timeout and nothing else set.
	 */
	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.baseUri.resolve(path)).timeout(Duration.ofSeconds(30));
	}

	/**
	 * Starts a JSON POST with Petzi's headers and the given signature header.
	 */
	public HttpRequest.Builder petziRequest(String path, byte[] body, String signature) {
		return request(path).header("Content-Type", "application/json")
			.header("User-Agent", "PETZI webhook")
			.header(PetziHeaders.VERSION, "2")
			.header(PetziHeaders.SIGNATURE, signature)
			.POST(BodyPublishers.ofByteArray(body));
	}

	/**
	 * Posts a sample with its precomputed signature to {@code /webhook}.
	 */
	public HttpResponse<String> postSample(String sample) {
		return send(petziRequest("/webhook", PetziSamples.body(sample), PetziSamples.signature(sample)).build());
	}

	/**
	 * Posts a body with a signature header to {@code /webhook}.
	 */
	public HttpResponse<String> post(byte[] body, String signature) {
		return send(petziRequest("/webhook", body, signature).build());
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to send " + request.method() + " " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending " + request.uri(), ex);
		}
	}

	/**
	 * Parses a response body as JSON.
	 */
	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
