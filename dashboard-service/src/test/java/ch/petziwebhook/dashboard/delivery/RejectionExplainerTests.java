package ch.petziwebhook.dashboard.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import ch.petziwebhook.dashboard.delivery.DeliveryEntry.Rejection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the explanations of rejected requests, with the application's own message
 * bundles in the three languages of the pages.
 */
class RejectionExplainerTests {

	private final RejectionExplainer explainer = new RejectionExplainer(messageSource());

	@ParameterizedTest(name = "{0} skew {1} in {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					timestamp_out_of_window  | 10800   | en | Signed 3 h ago, outside the accepted window
					timestamp_out_of_window  | 10800   | fr | Signée il y a 3 h, hors de la fenêtre acceptée
					timestamp_out_of_window  | 10800   | de | Vor 3 h signiert
					timestamp_out_of_window  | 90      | en | Signed 90 s ago
					timestamp_out_of_window  | 1500    | en | Signed 25 min ago
					timestamp_out_of_window  | 259200  | en | Signed 3 days ago
					timestamp_out_of_window  | 259200  | de | Vor 3 Tagen signiert
					timestamp_out_of_window  | -600    | en | Signed 10 min in the future: the clock of Petzi's server is ahead
					timestamp_out_of_window  | -600    | fr | Signée 10 min dans le futur : l'horloge du serveur de Petzi avance
					timestamp_out_of_window  |         | en | The signature time is outside the accepted window
					signature_mismatch       |         | en | No secret matched (2 tried: current, previous)
					signature_mismatch       |         | de | Kein Secret passt (2 geprüft: current, previous)
					no_secret_configured     |         | en | No webhook secret is configured
					no_secret_configured     |         | fr | Aucun secret de webhook n'est configuré
					missing_signature        |         | en | Missing Petzi-Signature header
					missing_signature        |         | de | Header Petzi-Signature fehlt
					malformed_signature      |         | en | Malformed Petzi-Signature header: it must read t=<seconds>,v1=<hex>
					payload_too_large        |         | en | Body of 1.5 MiB is larger than ingest accepts
					payload_too_large        |         | fr | Corps de 1.5 MiB, plus grand que ce qu'ingest accepte
					unsupported_content_type |         | en | Wrong content type: Petzi sends application/json
					unsupported_content_type |         | fr | Mauvais type de contenu
					something_new            |         | en | Rejected with HTTP 401: Invalid signature
					""")
	void explainsReasonInLanguage(String reason, Long skewSeconds, String language, String expected) {
		DeliveryEntry entry = rejected(reason, skewSeconds);

		DeliveryEntry explained = this.explainer.explain(entry, Locale.forLanguageTag(language));

		assertThat(explained.explanation()).contains(expected);
	}

	@ParameterizedTest(name = "{0} bytes")
	@CsvSource({ "512, 512 B", "2048, 2.0 KiB", "1572864, 1.5 MiB" })
	void sizeUsesBinaryUnits(long bytes, String expected) {
		assertThat(RejectionExplainer.size(bytes)).isEqualTo(expected);
	}

	private static DeliveryEntry rejected(String reason, Long skewSeconds) {
		long bodyLength = "payload_too_large".equals(reason) ? 1572864 : 512;
		Rejection rejection = new Rejection(reason, 401, "Invalid signature", null, null, null, bodyLength, null,
				skewSeconds, List.of("current", "previous"));
		return new DeliveryEntry("id", Instant.EPOCH.atOffset(java.time.ZoneOffset.UTC), DeliveryEntry.REJECTED, null,
				null, null, null, rejection, null);
	}

	private static ResourceBundleMessageSource messageSource() {
		ResourceBundleMessageSource messageSource = new ResourceBundleMessageSource();
		messageSource.setBasename("messages");
		messageSource.setDefaultEncoding("UTF-8");
		messageSource.setFallbackToSystemLocale(false);
		return messageSource;
	}

}
