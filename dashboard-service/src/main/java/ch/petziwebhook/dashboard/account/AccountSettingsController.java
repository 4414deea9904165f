package ch.petziwebhook.dashboard.account;

import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page where a logged-in user changes their own password, {@code /auth/settings}.
 */
@Controller
class AccountSettingsController {

	static final String VIEW_SETTINGS = "auth/settings";

	private final AccountService accounts;

	AccountSettingsController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/auth/settings")
	String showPasswordForm() {
		return VIEW_SETTINGS;
	}

	@PostMapping("/auth/settings")
	String processPasswordForm(Principal principal, @RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword,
			@RequestParam(defaultValue = "") String passwordConfirmation, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			this.accounts.changePassword(principal.getName(), currentPassword, newPassword, passwordConfirmation);
			redirect.addFlashAttribute("successKey", "password.changed");
			return "redirect:/auth/settings";
		}
		catch (AccountException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errorKey", ex.getMessageKey());
			return VIEW_SETTINGS;
		}
	}

}
