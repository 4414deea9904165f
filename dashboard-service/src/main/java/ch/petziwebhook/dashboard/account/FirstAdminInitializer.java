package ch.petziwebhook.dashboard.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from {@link AdminProperties} at start-up when no user exists
 * yet. An existing user table is never changed, so a restart with another password keeps
 * the old one.
 */
@Component
class FirstAdminInitializer implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdminInitializer.class);

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AdminProperties admin;

	FirstAdminInitializer(UserRepository users, PasswordEncoder passwordEncoder, AdminProperties admin) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.admin = admin;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.count() > 0) {
			return;
		}
		if (!this.admin.hasPassword()) {
			log.warn(
					"No dashboard user exists and no first admin password is set: set PETZI_ADMIN_PASSWORD "
							+ "(property petzi.admin.password) and restart to create the admin '{}'",
					this.admin.username());
			return;
		}

		String passwordHash = this.passwordEncoder.encode(this.admin.password());
		if (this.users.insertIfAbsent(new User(this.admin.username(), passwordHash, Role.ADMIN))) {
			log.info("Created the first admin '{}'", this.admin.username());
		}
	}

}
