package ch.petziwebhook.ingest.secret;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class WebhookSecretsTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC);

	private static final String TOPIC_VALUE = """
			{"secrets":[{"slot":"current","secret":"topic-secret-value","expiresAt":null},
			{"slot":"previous","secret":"old-secret-value","expiresAt":"2025-01-02T00:00:00Z"}]}""";

	@TempDir
	Path directory;

	@Test
	void startsWithPropertyAndDiskSecrets() throws Exception {
		Files.writeString(diskCopy(), "{\"secrets\":[{\"slot\":\"current\",\"secret\":\"disk-secret-value\"}]}");

		WebhookSecrets secrets = secrets(List.of("property-secret-value"));

		assertThat(secrets.verifier().activeSlots()).containsExactly("config-1", "current");
	}

	@Test
	void topicRecordReplacesAllSecrets() {
		WebhookSecrets secrets = secrets(List.of("property-secret-value"));

		secrets.apply(TOPIC_VALUE.getBytes(StandardCharsets.UTF_8));

		assertThat(secrets.verifier().activeSlots()).containsExactly("current", "previous");
	}

	@Test
	void topicRecordSavedOwnerOnly() throws Exception {
		WebhookSecrets secrets = secrets(List.of());

		secrets.apply(TOPIC_VALUE.getBytes(StandardCharsets.UTF_8));

		assertThat(Files.readString(diskCopy())).isEqualTo(TOPIC_VALUE);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(diskCopy()))).isEqualTo("rw-------");
		assertThat(secrets(List.of()).verifier().activeSlots()).containsExactly("current", "previous");
	}

	@Test
	void ignoresInvalidRecord() {
		WebhookSecrets secrets = secrets(List.of("property-secret-value"));

		secrets.apply("{\"secrets\": not-json-secret-value".getBytes(StandardCharsets.UTF_8));

		assertThat(secrets.verifier().activeSlots()).containsExactly("config-1");
	}

	@Test
	void tombstoneReturnsToPropertySecrets() {
		WebhookSecrets secrets = secrets(List.of("property-secret-value"));
		secrets.apply(TOPIC_VALUE.getBytes(StandardCharsets.UTF_8));

		secrets.apply(null);

		assertThat(secrets.verifier().activeSlots()).containsExactly("config-1");
		assertThat(diskCopy()).doesNotExist();
	}

	@Test
	void warnsWithoutAnySecret(CapturedOutput output) {
		WebhookSecrets secrets = secrets(List.of());

		assertThat(secrets.verifier().hasSecrets()).isFalse();
		assertThat(output.getAll()).contains("No webhook secret is configured");
	}

	@Test
	void logsNoSecretValues(CapturedOutput output) {
		WebhookSecrets secrets = secrets(List.of("property-secret-value"));
		secrets.apply(TOPIC_VALUE.getBytes(StandardCharsets.UTF_8));
		secrets.apply("{\"secrets\": not-json-secret-value".getBytes(StandardCharsets.UTF_8));

		assertThat(output.getAll()).contains("slots [current, previous (expires 2025-01-02T00:00:00Z)]");
		assertThat(output.getAll()).doesNotContain("secret-value");
	}

	private WebhookSecrets secrets(List<String> propertySecrets) {
		return new WebhookSecrets(propertySecrets, Duration.ofSeconds(300), CLOCK, diskCopy());
	}

	private Path diskCopy() {
		return this.directory.resolve("webhook-secrets.json");
	}

}
