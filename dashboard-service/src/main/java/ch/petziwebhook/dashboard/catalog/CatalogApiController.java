package ch.petziwebhook.dashboard.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import ch.petziwebhook.dashboard.system.ResultPage;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API over buyers, locations and sessions, paged.
 */
@RestController
class CatalogApiController {

	private final CatalogQueries catalog;

	CatalogApiController(CatalogQueries catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/api/buyers")
	ResultPage<BuyerView> listBuyers(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(ResultPage.MAX_SIZE) int size) {
		return this.catalog.findBuyers(page, size);
	}

	@GetMapping("/api/locations")
	ResultPage<LocationView> listLocations(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(ResultPage.MAX_SIZE) int size) {
		return this.catalog.findLocations(page, size);
	}

	@GetMapping("/api/sessions")
	ResultPage<SessionView> listSessions(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(ResultPage.MAX_SIZE) int size) {
		return this.catalog.findSessions(page, size);
	}

}
