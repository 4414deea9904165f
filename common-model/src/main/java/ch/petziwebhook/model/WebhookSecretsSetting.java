package ch.petziwebhook.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Value of the {@value #KEY} record on {@value PetziTopics#SETTINGS}: every webhook
 * secret the dashboard's settings hold, each in its slot. The latest record replaces the
 * whole list.
 *
 * @param secrets the secrets, possibly none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookSecretsSetting(List<WebhookSecret> secrets) {

	/** Record key of this setting on the settings topic. */
	public static final String KEY = "webhook.secrets";

	public WebhookSecretsSetting {
		secrets = (secrets != null) ? List.copyOf(secrets) : List.of();
	}

}
