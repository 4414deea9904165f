package ch.petziwebhook.dashboard.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Loads the users of the form login and of HTTP Basic from {@code dashboard.users}. Not a
 * bean of its own: {@link ThrottlingAuthenticationProvider} is the only way in.
 */
class DashboardUserDetailsService implements UserDetailsService {

	private final UserRepository users;

	DashboardUserDetailsService(UserRepository users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		User user = this.users.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("No dashboard user named '" + username + "'"));

		return org.springframework.security.core.userdetails.User.withUsername(user.username())
			.password(user.passwordHash())
			.roles(user.role().name())
			.build();
	}

}
