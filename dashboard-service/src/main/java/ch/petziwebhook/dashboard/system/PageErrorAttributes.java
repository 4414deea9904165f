package ch.petziwebhook.dashboard.system;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Error attributes of Spring Boot's error page plus {@code detail}, which names the
 * invalid request parameter of a page request, as the REST API's problem details do.
 * Exception messages stay hidden otherwise.
 */
@Component
class PageErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		String detail = ParameterErrors.describe(getError(request));
		if (detail != null) {
			attributes.put("detail", detail);
		}
		return attributes;
	}

}
