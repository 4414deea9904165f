package ch.petziwebhook.dashboard.account;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Shows the login page and the logout confirmation. Spring Security handles the POSTs to
 * the same paths.
 */
@Controller
class LoginController {

	static final String VIEW_LOGIN = "auth/login";

	static final String VIEW_LOGOUT = "auth/logout";

	@GetMapping("/auth/login")
	String showLoginForm() {
		return VIEW_LOGIN;
	}

	// The Flask application logged out on GET. A GET that changes state can be triggered
	// by any page the user visits, so it shows a form that POSTs with a CSRF token.
	@GetMapping("/auth/logout")
	String showLogoutForm() {
		return VIEW_LOGOUT;
	}

}
