package ch.petziwebhook.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookSignerTests {

	private final WebhookSigner signer = new WebhookSigner(PetziSamples.SECRET);

	@Test
	void signsWorkedExample() {
		byte[] body = "{\"event\":\"ticket_created\",\"details\":{}}".getBytes(StandardCharsets.UTF_8);

		String header = this.signer.header(1735732800L, body);

		assertThat(header)
			.isEqualTo("t=1735732800,v1=31f50f331a529216ee0939350ea98da1860f9d990c62ad37906a62b0b19a0aa1");
	}

	@Test
	void signsRawBytesNotDecodedText() {
		byte[] raw = "{\"category\":\"Prélocation\"}".getBytes(StandardCharsets.UTF_8);
		byte[] escaped = "{\"category\":\"Pr\\u00e9location\"}".getBytes(StandardCharsets.UTF_8);

		assertThat(this.signer.header(1735732800L, raw))
			.endsWith("v1=e8691d5b4f709077b8726ac33f3489a2641e94b2876943d77cf9953452535db9");
		assertThat(this.signer.header(1735732800L, escaped))
			.endsWith("v1=dbd1cfa1b95498da5e5af59de973558c9dde727a2c9397835b1157de10dd0e99");
	}

	@Test
	void reproducesEverySampleHeader() {
		for (String sample : PetziSamples.ALL) {
			String header = this.signer.header(PetziSamples.SIGNED_AT, PetziSamples.body(sample));

			assertThat(header).as(sample).isEqualTo(PetziSamples.signature(sample));
		}
	}

	@Test
	void reusedMacStartsFresh() {
		byte[] body = "{\"event\":\"ticket_created\",\"details\":{}}".getBytes(StandardCharsets.UTF_8);
		String expected = "t=1735732800,v1=31f50f331a529216ee0939350ea98da1860f9d990c62ad37906a62b0b19a0aa1";

		this.signer.mac(1, "other body".getBytes(StandardCharsets.UTF_8));

		assertThat(this.signer.header(1735732800L, body)).isEqualTo(expected);
		assertThat(this.signer.header(1735732800L, body)).isEqualTo(expected);
	}

	@Test
	void signsConcurrentlyFromManyThreads() throws Exception {
		String sample = PetziSamples.ALL.get(0);
		byte[] body = PetziSamples.body(sample);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> headers = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				headers.add(executor.submit(() -> this.signer.header(PetziSamples.SIGNED_AT, body)));
			}
			for (Future<String> header : headers) {
				assertThat(header.get()).isEqualTo(PetziSamples.signature(sample));
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void rejectsEmptySecret() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WebhookSigner(""));
	}

}
