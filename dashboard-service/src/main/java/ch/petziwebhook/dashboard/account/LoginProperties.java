package ch.petziwebhook.dashboard.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on failed logins, for the form login and HTTP Basic alike.
 *
 * @param maxFailuresPerAccount failed attempts on one username within {@code window}
 * after which that username is blocked until the oldest failure leaves the window
 * @param maxFailuresPerAddress failed attempts from one client address within
 * {@code window} after which that address is blocked
 * @param window how far back failures count
 */
@ConfigurationProperties("petzi.login")
public record LoginProperties(@DefaultValue("5") int maxFailuresPerAccount,
		@DefaultValue("20") int maxFailuresPerAddress, @DefaultValue("15m") Duration window) {

}
