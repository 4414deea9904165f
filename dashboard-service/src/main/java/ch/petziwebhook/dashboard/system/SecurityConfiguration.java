package ch.petziwebhook.dashboard.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Security rules: pages need the form login, the REST API takes HTTP Basic or the login
 * session, and static resources, the login page and the health check are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String LOGIN_PAGE = "/auth/login";

	private static final RequestMatcher API = pathPattern("/api/**");

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/webjars/**", "/css/**", "/actuator/health", "/actuator/health/**", "/error")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.formLogin((form) -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/dashboard/tickets").permitAll());
		http.logout((logout) -> logout.logoutUrl("/auth/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout").permitAll());
		http.httpBasic(Customizer.withDefaults());
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(authenticationEntryPoint()));
		http.requestCache((cache) -> cache.requestCache(pageRequestCache()));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	// API clients get a plain 401 instead of a redirect to an HTML login page.
	private static AuthenticationEntryPoint authenticationEntryPoint() {
		return DelegatingAuthenticationEntryPoint.builder()
			.addEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), API)
			.defaultEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE))
			.build();
	}

	// Only pages are worth returning to after the login, never an API URL.
	private static HttpSessionRequestCache pageRequestCache() {
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setRequestMatcher(new NegatedRequestMatcher(API));
		return requestCache;
	}

}
