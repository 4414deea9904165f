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
	void parsesHeaderWithoutBody() {
		SignatureHeader header = this.verifier.parseHeader(PetziSamples.signature(PetziSamples.SINGLE_SESSION));

		assertThat(header.timestamp()).isEqualTo(PetziSamples.SIGNED_AT);
		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> this.verifier.parseHeader(null))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.MISSING_SIGNATURE));
		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> this.verifier.parseHeader("garbage"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED_SIGNATURE));
		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> verifier(List.of(), SIGNING_TIME).parseHeader("garbage"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.NO_SECRET_CONFIGURED));
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

	@Test
	void acceptsPreviousSecretUntilExpiry() {
		Instant signedAt = Instant.ofEpochSecond(PetziSamples.SIGNED_AT);
		List<WebhookSecret> secrets = List.of(new WebhookSecret("current", "new-secret", null),
				new WebhookSecret("previous", PetziSamples.SECRET, signedAt.plusSeconds(60)));
		String header = PetziSamples.signature(PetziSamples.SINGLE_SESSION);
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);

		SignatureVerifier beforeExpiry = SignatureVerifier.of(secrets, Duration.ofSeconds(300),
				Clock.fixed(signedAt.plusSeconds(59), ZoneOffset.UTC));
		SignatureVerifier atExpiry = SignatureVerifier.of(secrets, Duration.ofSeconds(300),
				Clock.fixed(signedAt.plusSeconds(60), ZoneOffset.UTC));

		assertThat(beforeExpiry.verify(header, body).timestamp()).isEqualTo(PetziSamples.SIGNED_AT);
		assertThatExceptionOfType(SignatureVerificationException.class).isThrownBy(() -> atExpiry.verify(header, body))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.SIGNATURE_MISMATCH))
			.satisfies((ex) -> assertThat(ex.getSecretSlotsTried()).containsExactly("current"));
	}

	@Test
	void rejectsWhenEverySecretExpired() {
		Instant signedAt = Instant.ofEpochSecond(PetziSamples.SIGNED_AT);
		SignatureVerifier expired = SignatureVerifier.of(
				List.of(new WebhookSecret("current", PetziSamples.SECRET, signedAt.minusSeconds(1))),
				Duration.ofSeconds(300), SIGNING_TIME);

		assertThat(expired.hasSecrets()).isFalse();
		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> expired.verify(PetziSamples.signature(PetziSamples.SINGLE_SESSION),
					PetziSamples.body(PetziSamples.SINGLE_SESSION)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.NO_SECRET_CONFIGURED))
			.withMessageContaining("has expired");
	}

	@Test
	void namesConfigSlotsInOrder() {
		SignatureVerifier configured = verifier(List.of("first", "", "second"), SIGNING_TIME);

		assertThat(configured.activeSlots()).containsExactly("config-1", "config-2");
	}

	@Test
	void mismatchCarriesSkewAndSlots() {
		byte[] body = PetziSamples.body(PetziSamples.SINGLE_SESSION);
		body[0] = ' ';
		SignatureVerifier late = verifier(List.of(PetziSamples.SECRET, "other"),
				Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT + 42), ZoneOffset.UTC));

		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> late.verify(PetziSamples.signature(PetziSamples.SINGLE_SESSION), body))
			.satisfies((ex) -> assertThat(ex.getTimestampSkewSeconds()).isEqualTo(42L))
			.satisfies((ex) -> assertThat(ex.getSecretSlotsTried()).containsExactly("config-1", "config-2"));
	}

	@Test
	void staleTimestampCarriesNegativeSkewForFuture() {
		SignatureVerifier early = verifier(List.of(PetziSamples.SECRET),
				Clock.fixed(Instant.ofEpochSecond(PetziSamples.SIGNED_AT - 400), ZoneOffset.UTC));

		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> early.verify(PetziSamples.signature(PetziSamples.SINGLE_SESSION),
					PetziSamples.body(PetziSamples.SINGLE_SESSION)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_WINDOW))
			.satisfies((ex) -> assertThat(ex.getTimestampSkewSeconds()).isEqualTo(-400L));
	}

	@Test
	void malformedHeaderHasNoSkew() {
		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> this.verifier.verify("t=abc", PetziSamples.body(PetziSamples.SINGLE_SESSION)))
			.satisfies((ex) -> assertThat(ex.getTimestampSkewSeconds()).isNull())
			.satisfies((ex) -> assertThat(ex.getSecretSlotsTried()).isEmpty());
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
