package ch.petziwebhook.dashboard.secret;

/**
 * A rejected change of the webhook secrets, carrying the message key of the reason shown
 * to the admin.
 */
public class SecretException extends RuntimeException {

	private final String messageKey;

	SecretException(String messageKey) {
		super("Rejected webhook secret change: " + messageKey);
		this.messageKey = messageKey;
	}

	public String getMessageKey() {
		return this.messageKey;
	}

}
