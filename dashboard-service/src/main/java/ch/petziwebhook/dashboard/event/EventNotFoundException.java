package ch.petziwebhook.dashboard.event;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Thrown for an event id that the read model does not contain, and returned as a 404
 * problem detail.
 */
public class EventNotFoundException extends ErrorResponseException {

	public EventNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No event with id " + id),
				null);
	}

}
