package ch.petziwebhook.dashboard.account;

/**
 * A rejected account change, carrying the message key of the reason shown to the user.
 */
public class AccountException extends RuntimeException {

	private final String messageKey;

	public AccountException(String messageKey) {
		super("Rejected account change: " + messageKey);
		this.messageKey = messageKey;
	}

	public String getMessageKey() {
		return this.messageKey;
	}

}
