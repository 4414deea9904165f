package ch.petziwebhook.dashboard.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Filter that responds 404 to a request for the error path itself. Spring Boot's error
 * controller reports 500 for a request that carries no error, because it has no other
 * status to show. Forwards of real errors to that path pass, because this filter runs for
 * ordinary requests only.
 */
@Component
class DirectErrorRequestFilter extends OncePerRequestFilter {

	private static final String ERROR_PATH = "/error";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !ERROR_PATH.equals(request.getServletPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

}
