package ch.petziwebhook.dashboard.system;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import ch.petziwebhook.dashboard.freshness.FreshnessService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Web wiring that belongs to no feature: the start page, the language of pages and the
 * freshness that every page shows.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebConfiguration implements WebMvcConfigurer {

	/** Petzi's venues are in Switzerland, so pages show times in Swiss time. */
	static final ZoneId DISPLAY_ZONE = ZoneId.of("Europe/Zurich");

	/** The languages of the pages; the first is the default. */
	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN);

	private final FreshnessService freshness;

	WebConfiguration(FreshnessService freshness) {
		this.freshness = freshness;
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/", "/dashboard/tickets");
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor localeChange = new LocaleChangeInterceptor();
		localeChange.setParamName("lang");
		localeChange.setIgnoreInvalidLocale(true);
		registry.addInterceptor(localeChange);
		registry.addInterceptor(new FreshnessInterceptor(this.freshness));
	}

	// The language comes from the switch's cookie, else from Accept-Language among the
	// three the pages have, else English.
	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("petzi-language");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSameSite("Lax");
		resolver.setDefaultLocaleFunction(WebConfiguration::requestedLanguage);
		return resolver;
	}

	private static Locale requestedLanguage(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") == null) {
			return LANGUAGES.get(0);
		}
		Locale requested = request.getLocale();
		return LANGUAGES.stream()
			.filter((language) -> language.getLanguage().equals(requested.getLanguage()))
			.findFirst()
			.orElse(LANGUAGES.get(0));
	}

	/**
	 * Adds the freshness and the display time zone to every rendered page, but not to API
	 * responses and redirects.
	 */
	private record FreshnessInterceptor(FreshnessService freshness) implements HandlerInterceptor {

		@Override
		public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
				ModelAndView modelAndView) {
			if (modelAndView == null || isRedirect(modelAndView)) {
				return;
			}
			modelAndView.addObject("freshness", this.freshness.current());
			modelAndView.addObject("displayZone", DISPLAY_ZONE);
		}

		private static boolean isRedirect(ModelAndView modelAndView) {
			String viewName = modelAndView.getViewName();
			if (viewName != null) {
				return viewName.startsWith("redirect:");
			}
			return modelAndView.getView() instanceof SmartView view && view.isRedirectView();
		}

	}

}
