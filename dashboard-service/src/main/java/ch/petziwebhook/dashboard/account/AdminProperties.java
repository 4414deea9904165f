package ch.petziwebhook.dashboard.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, created at start-up when no user exists yet.
 *
 * @param username the admin's username, {@code admin} unless set
 * @param password the admin's password in plain text, or {@code null} when unset, in
 * which case no admin is created
 */
@ConfigurationProperties("petzi.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password) {

	/**
	 * Tells whether a password was configured.
	 * @return {@code true} when the password is set and not blank
	 */
	public boolean hasPassword() {
		return this.password != null && !this.password.isBlank();
	}

}
