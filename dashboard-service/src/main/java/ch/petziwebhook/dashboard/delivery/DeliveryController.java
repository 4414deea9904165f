package ch.petziwebhook.dashboard.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import ch.petziwebhook.dashboard.delivery.DeliveryLogQuery.InvalidParameterException;
import ch.petziwebhook.dashboard.delivery.DeliveryRedrive.RedriveSummary;
import ch.petziwebhook.dashboard.delivery.DeliveryRedrive.Redriven;
import ch.petziwebhook.dashboard.freshness.FreshnessService;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The delivery log page, and the admins' re-drive of failed deliveries from it.
 */
@Controller
class DeliveryController {

	static final String VIEW_DELIVERY_LIST = "deliveries/list";

	private static final String LOG_PATH = "/dashboard/deliveries";

	private final DeliveryLogQueries deliveries;

	private final DeliveryRedrive redrive;

	private final RejectionExplainer explainer;

	private final FreshnessService freshness;

	private final MessageSource messageSource;

	DeliveryController(DeliveryLogQueries deliveries, DeliveryRedrive redrive, RejectionExplainer explainer,
			FreshnessService freshness, MessageSource messageSource) {
		this.deliveries = deliveries;
		this.redrive = redrive;
		this.explainer = explainer;
		this.freshness = freshness;
		this.messageSource = messageSource;
	}

	@GetMapping(LOG_PATH)
	String showDeliveryLog(@RequestParam(required = false) String status, @RequestParam(required = false) String before,
			@RequestParam(required = false) String beforeId, @RequestParam(required = false) String size,
			Authentication authentication, Locale locale, Model model, HttpServletResponse response) {
		DeliveryLogQuery query;
		try {
			query = DeliveryLogQuery.parse(status, before, beforeId, size);
		}
		catch (InvalidParameterException ex) {
			// The page still renders, with the filters and the message in place of rows.
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("invalidParameter", ex.parameter());
			query = new DeliveryLogQuery(DeliveryFilter.ALL, null, DeliveryLogQuery.DEFAULT_SIZE);
			model.addAttribute("page", new DeliveryLogPage(List.of(), query.filter().parameter(), query.size(), null,
					this.freshness.current().pendingDeliveries()));
			return showPage(model, authentication, query);
		}

		DeliveryLogPage page = this.deliveries.findPage(query, this.freshness.current().pendingDeliveries())
			.map((entry) -> this.explainer.explain(entry, locale));
		model.addAttribute("page", isAdmin(authentication) ? page : page.map(DeliveryEntry::withoutRemoteAddress));
		return showPage(model, authentication, query);
	}

	@PostMapping(LOG_PATH + "/{id}/redrive")
	String redriveDelivery(@PathVariable String id, @RequestParam(required = false) String status,
			Authentication authentication, Locale locale, RedirectAttributes redirect) {
		try {
			Redriven redriven = this.redrive.redrive(UUID.fromString(id), authentication.getName());
			redirect.addFlashAttribute("successMessage", this.messageSource.getMessage("deliveries.redrive.done",
					new Object[] { redriven.deliveryId(), redriven.target() }, locale));
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("errorMessage",
					this.messageSource.getMessage("deliveries.redrive.notFound", new Object[] { id }, locale));
		}
		catch (RedriveException ex) {
			redirect.addFlashAttribute("errorMessage",
					this.messageSource.getMessage(ex.kind().messageKey(), new Object[] { ex.deliveryId() }, locale));
		}
		return redirectToLog(status);
	}

	@PostMapping(LOG_PATH + "/redrive-failed")
	String redriveAllFailed(@RequestParam(required = false) String status, Authentication authentication, Locale locale,
			RedirectAttributes redirect) {
		RedriveSummary summary = this.redrive.redriveAllFailed(authentication.getName());

		Object[] counts = { summary.redriven(), summary.failed(), summary.errors().size() };
		String key = summary.errors().isEmpty() ? "deliveries.redriveAll.done" : "deliveries.redriveAll.partly";
		redirect.addFlashAttribute(summary.errors().isEmpty() ? "successMessage" : "errorMessage",
				this.messageSource.getMessage(key, counts, locale));
		redirect.addFlashAttribute("redriveErrors", summary.errors());
		return redirectToLog(status);
	}

	private String showPage(Model model, Authentication authentication, DeliveryLogQuery query) {
		model.addAttribute("filters", Arrays.stream(DeliveryFilter.values()).map(DeliveryFilter::parameter).toList());
		model.addAttribute("filter", query.filter().parameter());
		model.addAttribute("admin", isAdmin(authentication));
		model.addAttribute("failedCount", isAdmin(authentication) ? this.deliveries.countFailed() : 0);
		return VIEW_DELIVERY_LIST;
	}

	// Back to the filter the admin was looking at, when it is a known one.
	private static String redirectToLog(String status) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(LOG_PATH);
		DeliveryFilter.fromParameter(status).ifPresent((filter) -> uri.queryParam("status", filter.parameter()));
		return "redirect:" + uri.toUriString();
	}

	static boolean isAdmin(Authentication authentication) {
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()));
	}

}
