package ch.petziwebhook.dashboard.settings;

import java.security.Principal;
import java.time.Duration;
import java.util.List;

import ch.petziwebhook.dashboard.account.AccountException;
import ch.petziwebhook.dashboard.account.AccountService;
import ch.petziwebhook.dashboard.account.Role;
import ch.petziwebhook.dashboard.secret.SecretException;
import ch.petziwebhook.dashboard.secret.WebhookSecretService;
import ch.petziwebhook.dashboard.token.ApiTokenService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' settings page: registration on or off, users and their roles, API tokens.
 * Each change redirects back with a success or error message.
 */
@Controller
class SettingsController {

	static final String VIEW_SETTINGS = "settings/settings";

	private static final String REDIRECT = "redirect:/dashboard/settings";

	/**
	 * How long a rotated secret may stay accepted, in hours: not at all, an hour, a day,
	 * a week, 30 days.
	 */
	static final List<Integer> KEEP_OLD_FOR_HOURS = List.of(0, 1, 24, 168, 720);

	private final SettingsRepository settings;

	private final AccountService accounts;

	private final ApiTokenService tokens;

	private final WebhookSecretService secrets;

	SettingsController(SettingsRepository settings, AccountService accounts, ApiTokenService tokens,
			WebhookSecretService secrets) {
		this.settings = settings;
		this.accounts = accounts;
		this.tokens = tokens;
		this.secrets = secrets;
	}

	@GetMapping("/dashboard/settings")
	String showSettings(Model model) {
		model.addAttribute("registrationOpen", this.settings.isRegistrationOpen());
		model.addAttribute("users", this.accounts.listUsers());
		model.addAttribute("roles", Role.values());
		model.addAttribute("tokens", this.tokens.findAll());
		model.addAttribute("secrets", this.secrets.list());
		model.addAttribute("keepOldForHours", KEEP_OLD_FOR_HOURS);
		return VIEW_SETTINGS;
	}

	@PostMapping("/dashboard/settings/registration")
	String changeRegistration(@RequestParam boolean open, Principal principal, RedirectAttributes redirect) {
		this.settings.setRegistrationOpen(open, principal.getName());

		redirect.addFlashAttribute("successKey",
				open ? "settings.registration.opened" : "settings.registration.closed");
		return REDIRECT;
	}

	@PostMapping("/dashboard/settings/users/{username}/role")
	String changeRole(@PathVariable String username, @RequestParam Role role, Principal principal,
			RedirectAttributes redirect) {
		try {
			this.accounts.changeRole(username, role, principal.getName());
			redirect.addFlashAttribute("successKey", "users.roleChanged");
		}
		catch (AccountException ex) {
			redirect.addFlashAttribute("errorKey", ex.getMessageKey());
		}
		return REDIRECT;
	}

	@PostMapping("/dashboard/settings/secrets")
	String addSecret(@RequestParam(defaultValue = "") String slot, @RequestParam(defaultValue = "") String secret,
			Principal principal, RedirectAttributes redirect) {
		return changeSecrets(() -> this.secrets.add(slot.strip(), secret, principal.getName()), "secrets.added",
				redirect);
	}

	@PostMapping("/dashboard/settings/secrets/rotate")
	String rotateSecret(@RequestParam(defaultValue = "") String secret, @RequestParam int keepOldForHours,
			Principal principal, RedirectAttributes redirect) {
		if (!KEEP_OLD_FOR_HOURS.contains(keepOldForHours)) {
			redirect.addFlashAttribute("errorKey", "secrets.invalidExpiry");
			return REDIRECT;
		}
		return changeSecrets(() -> this.secrets.rotate(secret, Duration.ofHours(keepOldForHours), principal.getName()),
				"secrets.rotated", redirect);
	}

	@PostMapping("/dashboard/settings/secrets/{slot}/delete")
	String removeSecret(@PathVariable String slot, Principal principal, RedirectAttributes redirect) {
		return changeSecrets(() -> this.secrets.remove(slot, principal.getName()), "secrets.removed", redirect);
	}

	private static String changeSecrets(Runnable change, String successKey, RedirectAttributes redirect) {
		try {
			change.run();
			redirect.addFlashAttribute("successKey", successKey);
		}
		catch (SecretException ex) {
			redirect.addFlashAttribute("errorKey", ex.getMessageKey());
		}
		return REDIRECT;
	}

	@PostMapping("/dashboard/settings/tokens")
	String createToken(@RequestParam(defaultValue = "") String name, Principal principal, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute("createdToken", this.tokens.create(name, principal.getName()));
			redirect.addFlashAttribute("successKey", "tokens.created");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("errorKey", "tokens.invalidName");
		}
		return REDIRECT;
	}

	@PostMapping("/dashboard/settings/tokens/{id}/delete")
	String deleteToken(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		boolean deleted = this.tokens.delete(id, principal.getName());

		redirect.addFlashAttribute(deleted ? "successKey" : "errorKey", deleted ? "tokens.deleted" : "tokens.unknown");
		return REDIRECT;
	}

}
