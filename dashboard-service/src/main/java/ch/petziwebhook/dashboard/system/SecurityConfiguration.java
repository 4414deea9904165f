package ch.petziwebhook.dashboard.system;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import ch.petziwebhook.dashboard.account.LoginThrottledException;
import ch.petziwebhook.dashboard.account.ThrottlingAuthenticationProvider;
import ch.petziwebhook.dashboard.token.ApiTokenAuthentication;
import ch.petziwebhook.dashboard.token.ApiTokenAuthenticationFilter;
import ch.petziwebhook.dashboard.token.ApiTokenService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Security rules. Pages need the form login; the REST API and the Flask application's
 * data paths take the login session, HTTP Basic or an API token. Buyer data, pages and
 * the own password need a user's login, never a token; the settings and re-drives need an
 * admin. The OpenAPI description and Swagger UI need any login. Static resources, login,
 * registration and the health check are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String LOGIN_PAGE = "/auth/login";

	/**
	 * The sources pages may load: scripts only from this application, never inline.
	 * Styles may also be inline, because ApexCharts 3.30.0 injects a stylesheet and sets
	 * style attributes on the charts it draws. Every text a page shows is escaped, so
	 * inline styles open no way to run code.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private static final RequestMatcher API = new OrRequestMatcher(pathPattern("/api/**"), pathPattern("/buyers"),
			pathPattern("/locations"), pathPattern("/events"), pathPattern("/tickets"), pathPattern("/sessions"),
			pathPattern("/chart/**"), pathPattern("/download_csv"), pathPattern("/v3/api-docs/**"));

	private static final String[] BUYER_DATA = { "/api/buyers", "/api/buyers/**", "/buyers", "/download_csv",
			"/api/events/*/tickets.csv" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ThrottlingAuthenticationProvider authenticationProvider,
			ApiTokenService tokens) throws Exception {
		http.authenticationManager(new ProviderManager(authenticationProvider));
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/webjars/**", "/css/**", "/js/**", "/actuator/health", "/actuator/health/**",
					"/actuator/prometheus", "/favicon.ico", "/error")
			.permitAll()
			.requestMatchers("/auth/login", "/auth/register")
			.permitAll()
			.requestMatchers("/dashboard/settings", "/dashboard/settings/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.POST, "/dashboard/deliveries/**", "/api/deliveries/**")
			.hasRole("ADMIN")
			.requestMatchers(BUYER_DATA)
			.access(SecurityConfiguration::userLogin)
			.requestMatchers("/dashboard/**", "/auth/**", "/actuator/**")
			.access(SecurityConfiguration::userLogin)
			.anyRequest()
			.authenticated());
		http.formLogin((form) -> form.loginPage(LOGIN_PAGE)
			.defaultSuccessUrl("/dashboard/tickets")
			.failureHandler(loginFailureHandler())
			.permitAll());
		http.logout((logout) -> logout.logoutUrl("/auth/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout").permitAll());
		http.httpBasic(Customizer.withDefaults());
		http.csrf((csrf) -> csrf.ignoringRequestMatchers(SecurityConfiguration::isApiCallWithCredentials));
		http.addFilterBefore(new ApiTokenAuthenticationFilter(tokens), BasicAuthenticationFilter.class);
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(authenticationEntryPoint()));
		http.requestCache((cache) -> cache.requestCache(pageRequestCache()));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions((frame) -> frame.deny())
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	private static AuthorizationDecision userLogin(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		return new AuthorizationDecision(ApiTokenAuthentication.isUserLogin(authentication.get()));
	}

	// A script that sends HTTP Basic or an API token on each call has no session to
	// protect, and another site cannot make a browser add that header to a form post.
	// Calls of the API with the session cookie still need the CSRF token.
	private static boolean isApiCallWithCredentials(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) != null && pathPattern("/api/**").matches(request);
	}

	private static ExceptionMappingAuthenticationFailureHandler loginFailureHandler() {
		ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
		handler.setDefaultFailureUrl(LOGIN_PAGE + "?error");
		handler
			.setExceptionMappings(java.util.Map.of(LoginThrottledException.class.getName(), LOGIN_PAGE + "?throttled"));
		return handler;
	}

	// API clients get a plain 401 instead of a redirect to an HTML login page.
	private static AuthenticationEntryPoint authenticationEntryPoint() {
		return DelegatingAuthenticationEntryPoint.builder()
			.addEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), API)
			.defaultEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE))
			.build();
	}

	// Only pages are worth returning to after the login: never an API URL, nor what a
	// browser fetches on its own, such as /favicon.ico.
	private static HttpSessionRequestCache pageRequestCache() {
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setRequestMatcher(new OrRequestMatcher(pathPattern(HttpMethod.GET, "/dashboard/**"),
				pathPattern(HttpMethod.GET, "/auth/settings")));
		return requestCache;
	}

}
