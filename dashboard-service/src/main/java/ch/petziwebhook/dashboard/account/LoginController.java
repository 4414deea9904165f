package ch.petziwebhook.dashboard.account;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Shows the login page. Spring Security handles the form's POST to the same path.
 */
@Controller
class LoginController {

	static final String VIEW_LOGIN = "auth/login";

	@GetMapping("/auth/login")
	String showLoginForm() {
		return VIEW_LOGIN;
	}

}
