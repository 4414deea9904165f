package ch.petziwebhook.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import ch.petziwebhook.model.PetziHeaders;
import ch.petziwebhook.model.WebhookSigner;

/**
 * Sender of the sample webhooks to a running ingest service, each signed with the local
 * secret at the current time, as Petzi would send them.
 */
public final class SampleFeeder {

	/** Sample sent twice, so that the stack shows a duplicate delivery. */
	static final String DUPLICATED_SAMPLE = "ticket_created_single_session.json";

	private static final String SECRETS_VARIABLE = "PETZI_WEBHOOK_SECRETS";

	private final HttpClient client;

	private final URI endpoint;

	private final WebhookSigner signer;

	private final Clock clock;

	SampleFeeder(HttpClient client, URI endpoint, WebhookSigner signer, Clock clock) {
		this.client = client;
		this.endpoint = endpoint;
		this.signer = signer;
		this.clock = clock;
	}

	/**
	 * Outcome of sending one file: the HTTP status, or 0 with the error when none came.
	 */
	record Delivery(Path file, int status, String error) {

		boolean accepted() {
			return this.status == 200;
		}

	}

	/**
	 * Lists the samples in the order they are sent: every {@code ticket_created_*} file,
	 * with {@value #DUPLICATED_SAMPLE} twice in a row, then every
	 * {@code ticket_updated_*} file, each group by name.
	 * @param directory the folder of sample files
	 * @return the files to send, in order
	 * @throws IOException if the folder cannot be read
	 */
	static List<Path> sendingOrder(Path directory) throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path file : samplesStartingWith(directory, "ticket_created_")) {
			files.add(file);
			if (file.getFileName().toString().equals(DUPLICATED_SAMPLE)) {
				files.add(file);
			}
		}
		files.addAll(samplesStartingWith(directory, "ticket_updated_"));
		return files;
	}

	private static List<Path> samplesStartingWith(Path directory, String prefix) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().startsWith(prefix))
				.filter((file) -> file.getFileName().toString().endsWith(".json"))
				.sorted(Comparator.comparing((file) -> file.getFileName().toString()))
				.toList();
		}
	}

	/**
	 * Sends every sample of the folder in {@link #sendingOrder(Path) sending order}.
	 * @param directory the folder of sample files
	 * @return one delivery per file sent
	 * @throws IOException if a file cannot be read
	 * @throws InterruptedException if interrupted while waiting for a response
	 */
	List<Delivery> feed(Path directory) throws IOException, InterruptedException {
		List<Delivery> deliveries = new ArrayList<>();
		for (Path file : sendingOrder(directory)) {
			deliveries.add(send(file));
		}
		return deliveries;
	}

	/**
	 * Sends one file, byte for byte, signed at the current time.
	 * @param file the sample file
	 * @return the delivery
	 * @throws IOException if the file cannot be read
	 * @throws InterruptedException if interrupted while waiting for the response
	 */
	Delivery send(Path file) throws IOException, InterruptedException {
		byte[] body = Files.readAllBytes(file);
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header(PetziHeaders.SIGNATURE, this.signer.header(timestamp, body))
			.header(PetziHeaders.VERSION, "2")
			.header("User-Agent", "PETZI webhook")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
			return new Delivery(file, response.statusCode(), null);
		}
		catch (IOException ex) {
			return new Delivery(file, 0, ex.toString());
		}
	}

	/**
	 * Sends the samples and prints one line per file, then exits with 1 unless every
	 * response was 200. The secret is the first entry of {@value #SECRETS_VARIABLE}, so
	 * that it never appears in the process list.
	 * @param args the samples folder and the webhook URL
	 * @throws Exception if a file cannot be read
	 */
	public static void main(String[] args) throws Exception {
		String secrets = System.getenv(SECRETS_VARIABLE);
		if (args.length != 2 || secrets == null || secrets.isBlank()) {
			System.err.println("Usage: " + SECRETS_VARIABLE + "=<secret> SampleFeeder <samples folder> <webhook url>");
			System.exit(2);
		}
		WebhookSigner signer = new WebhookSigner(secrets.split(",")[0].strip());
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		SampleFeeder feeder = new SampleFeeder(client, URI.create(args[1]), signer, Clock.systemUTC());

		List<Delivery> deliveries = feeder.feed(Path.of(args[0]));
		Set<Path> sent = new HashSet<>();
		for (Delivery delivery : deliveries) {
			print(delivery, !sent.add(delivery.file()));
		}

		long failed = deliveries.stream().filter((delivery) -> !delivery.accepted()).count();
		if (deliveries.isEmpty() || failed > 0) {
			System.err.println("Failed to deliver " + failed + " of " + deliveries.size() + " samples to " + args[1]);
			System.exit(1);
		}
	}

	private static void print(Delivery delivery, boolean repeated) {
		String status = (delivery.error() != null) ? "failed: " + delivery.error() : "HTTP " + delivery.status();
		String note = repeated ? " (sent again: a duplicate delivery)" : "";
		System.out.printf("  %-44s %s%s%n", delivery.file().getFileName(), status, note);
	}

}
