package ch.petziwebhook.dashboard.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description that springdoc serves at {@code /v3/api-docs}, with Swagger UI
 * at {@code /swagger-ui/index.html}: the title and the two ways scripts authenticate.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI dashboardOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Petzi webhook dashboard API")
				.version("1")
				.description("Tickets, events, sales and the delivery log from the read model. "
						+ "Buyer data needs a user's login, and re-drives need an admin."))
			.components(new Components()
				.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
				.addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("basic"))
			.addSecurityItem(new SecurityRequirement().addList("token"));
	}

}
