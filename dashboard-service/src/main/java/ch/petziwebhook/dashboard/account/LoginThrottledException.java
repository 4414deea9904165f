package ch.petziwebhook.dashboard.account;

import org.springframework.security.core.AuthenticationException;

/**
 * Thrown instead of checking the password while {@link LoginThrottle} blocks the account
 * or the address.
 */
public class LoginThrottledException extends AuthenticationException {

	LoginThrottledException(String username) {
		super("Too many failed logins for account '" + username + "' or from its address, try again later");
	}

}
