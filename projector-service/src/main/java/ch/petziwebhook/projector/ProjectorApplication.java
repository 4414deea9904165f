package ch.petziwebhook.projector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Service that projects the raw Petzi webhooks of Kafka into the PostgreSQL read model.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProjectorApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProjectorApplication.class, args);
	}

}
