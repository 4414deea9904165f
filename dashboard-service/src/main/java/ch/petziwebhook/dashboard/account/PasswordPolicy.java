package ch.petziwebhook.dashboard.account;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Rules for new passwords. The upper bound is bcrypt's: it reads at most 72 bytes, and
 * Spring Security's encoder rejects longer input.
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 10;

	static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/**
	 * Checks a new password and its confirmation.
	 * @return the message key of the first broken rule, or empty when the password is
	 * acceptable
	 */
	static Optional<String> check(String password, String confirmation) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return Optional.of("password.tooShort");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("password.tooLong");
		}
		if (!password.equals(confirmation)) {
			return Optional.of("password.mismatch");
		}
		return Optional.empty();
	}

}
