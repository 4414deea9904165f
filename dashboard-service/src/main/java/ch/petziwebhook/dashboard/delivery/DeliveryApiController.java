package ch.petziwebhook.dashboard.delivery;

import java.util.Locale;
import java.util.UUID;

import ch.petziwebhook.dashboard.delivery.DeliveryLogQuery.InvalidParameterException;
import ch.petziwebhook.dashboard.delivery.DeliveryRedrive.RedriveSummary;
import ch.petziwebhook.dashboard.delivery.DeliveryRedrive.Redriven;
import ch.petziwebhook.dashboard.freshness.FreshnessService;
import ch.petziwebhook.dashboard.token.ApiTokenAuthentication;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log as JSON, and the re-drive of failed deliveries for admins. API tokens
 * get the log without the projector's errors, because these may quote buyer data. Only
 * admins get the clients' addresses.
 */
@RestController
@RequestMapping("/api/deliveries")
class DeliveryApiController {

	private final DeliveryLogQueries deliveries;

	private final DeliveryRedrive redrive;

	private final RejectionExplainer explainer;

	private final FreshnessService freshness;

	DeliveryApiController(DeliveryLogQueries deliveries, DeliveryRedrive redrive, RejectionExplainer explainer,
			FreshnessService freshness) {
		this.deliveries = deliveries;
		this.redrive = redrive;
		this.explainer = explainer;
		this.freshness = freshness;
	}

	/**
	 * Lists the delivery log newest first. The {@code next} of the response contains the
	 * {@code before} and {@code beforeId} of the following page.
	 */
	@GetMapping
	DeliveryLogPage listDeliveries(@RequestParam(required = false) String status,
			@RequestParam(required = false) String before, @RequestParam(required = false) String beforeId,
			@RequestParam(required = false) String size, Authentication authentication, Locale locale) {
		DeliveryLogQuery query = DeliveryLogQuery.parse(status, before, beforeId, size);

		DeliveryLogPage page = this.deliveries.findPage(query, this.freshness.current().pendingDeliveries())
			.map((entry) -> this.explainer.explain(entry, locale));
		if (!ApiTokenAuthentication.isUserLogin(authentication)) {
			page = page.map(DeliveryEntry::withoutError);
		}
		return DeliveryController.isAdmin(authentication) ? page : page.map(DeliveryEntry::withoutRemoteAddress);
	}

	/** Copies the raw record of a failed delivery back to the raw topic. */
	@PostMapping("/{id}/redrive")
	Redriven redriveDelivery(@PathVariable UUID id, Authentication authentication) {
		return this.redrive.redrive(id, authentication.getName());
	}

	/** Copies the raw records of the failed deliveries back to the raw topic. */
	@PostMapping("/redrive-failed")
	RedriveSummary redriveAllFailed(Authentication authentication) {
		return this.redrive.redriveAllFailed(authentication.getName());
	}

	@ExceptionHandler
	ProblemDetail handleInvalidParameter(InvalidParameterException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handleRedriveFailure(RedriveException ex) {
		return ProblemDetail.forStatusAndDetail(ex.kind().status(), ex.getMessage());
	}

}
