package ch.petziwebhook.dashboard.token;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication of a request that presented an API token. Scripts read the API with
 * it, but never buyer data, pages or settings: those need a user's login.
 */
public class ApiTokenAuthentication extends AbstractAuthenticationToken {

	/** The only authority of a token. */
	public static final String AUTHORITY = "ROLE_API_TOKEN";

	private final ApiToken token;

	ApiTokenAuthentication(ApiToken token) {
		super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
		this.token = token;
		setAuthenticated(true);
	}

	/**
	 * Tells whether an authentication stands for a user who logged in, rather than an API
	 * token or nobody.
	 */
	public static boolean isUserLogin(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof ApiTokenAuthentication)
				&& authentication.getAuthorities().stream().noneMatch((a) -> "ROLE_ANONYMOUS".equals(a.getAuthority()));
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.token;
	}

	@Override
	public String getName() {
		return "token:" + this.token.name();
	}

}
