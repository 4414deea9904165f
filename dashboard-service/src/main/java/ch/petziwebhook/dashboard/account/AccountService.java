package ch.petziwebhook.dashboard.account;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import ch.petziwebhook.dashboard.settings.SettingsRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers users, changes passwords and roles. The first account ever registered becomes
 * admin; later ones become viewers, and only while an admin has opened the registration.
 */
@Service
public class AccountService {

	private static final Logger log = LoggerFactory.getLogger(AccountService.class);

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

	private final UserRepository users;

	private final SettingsRepository settings;

	private final PasswordEncoder passwordEncoder;

	AccountService(UserRepository users, SettingsRepository settings, PasswordEncoder passwordEncoder) {
		this.users = users;
		this.settings = settings;
		this.passwordEncoder = passwordEncoder;
	}

	/**
	 * Tells whether a visitor may register now: while no user exists, or while an admin
	 * has opened the registration.
	 */
	public boolean isRegistrationAvailable() {
		return this.users.count() == 0 || this.settings.isRegistrationOpen();
	}

	/**
	 * Registers a new account.
	 * @return the role the account got
	 * @throws AccountException naming the message key of the broken rule
	 */
	@Transactional
	public Role register(String username, String password, String confirmation) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new AccountException("register.invalidUsername");
		}
		PasswordPolicy.check(password, confirmation).ifPresent((key) -> {
			throw new AccountException(key);
		});

		this.users.lockTable();
		boolean first = this.users.count() == 0;
		if (!first && !this.settings.isRegistrationOpen()) {
			throw new AccountException("register.closed");
		}
		Role role = first ? Role.ADMIN : Role.VIEWER;
		if (!this.users.insertIfAbsent(new User(username, this.passwordEncoder.encode(password), role))) {
			throw new AccountException("register.usernameTaken");
		}

		log.info("Registered dashboard user '{}' as {}", username, role);
		return role;
	}

	/**
	 * Changes the password of a user after checking the current one.
	 * @throws AccountException naming the message key of the broken rule
	 */
	@Transactional
	public void changePassword(String username, String currentPassword, String newPassword, String confirmation) {
		User user = this.users.findByUsername(username).orElseThrow(() -> new AccountException("password.unknownUser"));
		if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, user.passwordHash())) {
			throw new AccountException("password.wrongCurrent");
		}
		PasswordPolicy.check(newPassword, confirmation).ifPresent((key) -> {
			throw new AccountException(key);
		});

		this.users.updatePasswordHash(username, this.passwordEncoder.encode(newPassword));
		log.info("Changed the password of dashboard user '{}'", username);
	}

	/**
	 * Lists all users by name.
	 */
	public List<UserSummary> listUsers() {
		return this.users.findAll().stream().map((user) -> new UserSummary(user.username(), user.role())).toList();
	}

	/**
	 * Changes the role of a user. The last admin cannot lose the role, so that someone
	 * can still manage the dashboard.
	 * @throws AccountException naming the message key of the broken rule
	 */
	@Transactional
	public void changeRole(String username, Role role, String changedBy) {
		this.users.lockTable();
		Optional<User> user = this.users.findByUsername(username);
		if (user.isEmpty()) {
			throw new AccountException("users.unknown");
		}
		if (user.get().role() == Role.ADMIN && role != Role.ADMIN && this.users.countAdmins() == 1) {
			throw new AccountException("users.lastAdmin");
		}

		this.users.updateRole(username, role);
		log.info("Changed the role of dashboard user '{}' to {} on request of '{}'", username, role, changedBy);
	}

	/**
	 * A user as the settings page lists it.
	 *
	 * @param username the login name
	 * @param role the role
	 */
	public record UserSummary(String username, Role role) {

	}

}
