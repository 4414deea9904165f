package ch.petziwebhook.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ch.petziwebhook.model.SignatureVerificationException.Reason;
import ch.petziwebhook.model.test.PetziSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SignatureVerifierTests {

	private static final Clock SIGNING_TIME = Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT),
			ZoneOffset.UTC);

	private final SignatureVerifier verifier = verifier(List.of(PetziSamples.SECRET), SIGNING_TIME);

	@Test
	void acceptsEverySample() {
		for (String sample : PetziSamples.ALL) {
			SignatureHeader header = this.verifier.verify(PetziSamples.signature(sample), PetziSamples.body(sample));

			assertThat(header.timestamp()).as(sample).isEqualTo(PetziSamples.SIGNED_AT);
		}
	}

	@Test
	void rejectsOneChangedBodyByte() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		body[body.length / 2] ^= 0x01;

		assertRejected(PetziSamples.signature(PetziSamples.SINGLE_SESSION), body, Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void rejectsOneChangedHeaderCharacter() {
		String header = PetziSamples.signature(PetziSamples.SINGLE_SESSION);
		char last = header.charAt(header.length() - 1);
		String changed = header.substring(0, header.length() - 1) + ((last == '0') ? '1' : '0');

		assertRejected(changed, PetziSamples.body(PetziSamples.SINGLE_SESSION), Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void rejectsChangedTimestamp() {
		String header = PetziSamples.signature(PetziSamples.SINGLE_SESSION).replace("t=1735732800", "t=1735732801");

		assertRejected(header, PetziSamples.body(PetziSamples.SINGLE_SESSION), Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void acceptsAnyMatchingSecretAndMac() {
		SignatureVerifier rotating = verifier(List.of("new-secret", PetziSamples.SECRET), SIGNING_TIME);
		String mac = PetziSamples.signature(PetziSamples.UNICODE).substring("t=1735732800,".length());
		String header = "v1=" + "0".repeat(64) + ", " + mac + ",scheme=x,t=1735732800";

		SignatureHeader parsed = rotating.verify(header, PetziSamples.body(PetziSamples.UNICODE));

		assertThat(parsed.macs()).hasSize(2);
	}

	@Test
	void rejectsMissingHeader() {
		assertRejected(null, PetziSamples.body(PetziSamples.SINGLE_SESSION), Reason.MISSING_SIGNATURE);
		assertRejected(" ", PetziSamples.body(PetziSamples.SINGLE_SESSION), Reason.MISSING_SIGNATURE);
	}

	@Test
	void rejectsMalformedHeaders() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		String mac = "v1=" + "a".repeat(64);

		assertRejected(mac, body, Reason.MALFORMED_SIGNATURE);
		assertRejected("t=1735732800", body, Reason.MALFORMED_SIGNATURE);
		assertRejected("t=abc," + mac, body, Reason.MALFORMED_SIGNATURE);
		assertRejected("t=-5," + mac, body, Reason.MALFORMED_SIGNATURE);
		assertRejected("t=99999999999999999999," + mac, body, Reason.MALFORMED_SIGNATURE);
		assertRejected("t=1735732800,v1=zz", body, Reason.MALFORMED_SIGNATURE);
		assertRejected("garbage", body, Reason.MALFORMED_SIGNATURE);
	}

	@Test
	void rejectsStaleAndFutureTimestamps() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		String header = PetziSamples.signature(PetziSamples.SINGLE_SESSION);
		Instant signedAt = Instant.ofEpochSecond(PetziSamples.SIGNED_AT);

		SignatureVerifier late = verifier(List.of(PetziSamples.SECRET),
				Clock.fixed(signedAt.plusSeconds(301), ZoneOffset.UTC));
		SignatureVerifier early = verifier(List.of(PetziSamples.SECRET),
				Clock.fixed(signedAt.minusSeconds(301), ZoneOffset.UTC));
		SignatureVerifier edge = verifier(List.of(PetziSamples.SECRET),
				Clock.fixed(signedAt.plusSeconds(300), ZoneOffset.UTC));

		assertThatExceptionOfType(SignatureVerificationException.class).isThrownBy(() -> late.verify(header, body))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_WINDOW))
			.withMessageContaining("301 seconds ago");
		assertThatExceptionOfType(SignatureVerificationException.class).isThrownBy(() -> early.verify(header, body))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_WINDOW))
			.withMessageContaining("in the future");
		assertThat(edge.verify(header, body).timestamp()).isEqualTo(PetziSamples.SIGNED_AT);
	}

	@Test
	void rejectsEverythingWithoutSecret() {
		SignatureVerifier empty = verifier(List.of(), SIGNING_TIME);

		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> empty.verify(PetziSamples.signature(PetziSamples.SINGLE_SESSION),
					PetziSamples.body(PetziSamples.SINGLE_SESSION)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.NO_SECRET_CONFIGURED));
	}

	@Test
	void keepsSecretOutOfMessages() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		body[0] = ' ';

		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(PetziSamples.signature(PetziSamples.SINGLE_SESSION), body))
			.withMessageNotContaining(PetziSamples.SECRET)
			.withMessageNotContaining(new WebhookSigner(PetziSamples.SECRET).header(PetziSamples.SIGNED_AT, body)
				.substring("t=1735732800,v1=".length()));
	}

	private void assertRejected(String header, byte[] body, Reason reason) {
		assertThatExceptionOfType(SignatureVerificationException.class).as("header %s", header)
			.isThrownBy(() -> this.verifier.verify(header, body))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(reason));
	}

	private static SignatureVerifier verifier(List<String> secrets, Clock clock) {
		return new SignatureVerifier(secrets, Duration.ofSeconds(300), clock);
	}

}
