package ch.petziwebhook.dashboard.account;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks usernames and passwords against {@code dashboard.users}, for the form login and
 * HTTP Basic, and consults {@link LoginThrottle} before each check.
 */
@Component
public class ThrottlingAuthenticationProvider implements AuthenticationProvider {

	private final DaoAuthenticationProvider delegate;

	private final LoginThrottle throttle;

	ThrottlingAuthenticationProvider(UserRepository users, PasswordEncoder passwordEncoder, LoginThrottle throttle) {
		this.delegate = new DaoAuthenticationProvider(new DashboardUserDetailsService(users));
		this.delegate.setPasswordEncoder(passwordEncoder);
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String address = remoteAddress(authentication);
		if (this.throttle.isBlocked(username, address)) {
			throw new LoginThrottledException(username);
		}

		try {
			Authentication result = this.delegate.authenticate(authentication);
			this.throttle.recordSuccess(username);
			return result;
		}
		catch (BadCredentialsException ex) {
			this.throttle.recordFailure(username, address);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

	// NOTE: behind a reverse proxy this is the client's address only when the proxy is on
	// an internal network, which Tomcat trusts for X-Forwarded-For.
	private static String remoteAddress(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
			return details.getRemoteAddress();
		}
		return null;
	}

}
