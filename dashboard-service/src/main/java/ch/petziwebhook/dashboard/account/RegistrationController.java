package ch.petziwebhook.dashboard.account;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Registration of new accounts at {@code /auth/register}.
 */
@Controller
class RegistrationController {

	static final String VIEW_REGISTER = "auth/register";

	private final AccountService accounts;

	RegistrationController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/auth/register")
	String showRegistrationForm(Model model, HttpServletResponse response) {
		boolean available = this.accounts.isRegistrationAvailable();
		if (!available) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		}
		model.addAttribute("registrationAvailable", available);
		return VIEW_REGISTER;
	}

	@PostMapping("/auth/register")
	String processRegistrationForm(@RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String passwordConfirmation, Model model, HttpServletResponse response) {
		try {
			this.accounts.register(username.strip(), password, passwordConfirmation);
			return "redirect:/auth/login?registered";
		}
		catch (AccountException ex) {
			boolean closed = ex.getMessageKey().equals("register.closed");
			response.setStatus(closed ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("registrationAvailable", !closed);
			model.addAttribute("username", username);
			model.addAttribute("errorKey", ex.getMessageKey());
			return VIEW_REGISTER;
		}
	}

}
