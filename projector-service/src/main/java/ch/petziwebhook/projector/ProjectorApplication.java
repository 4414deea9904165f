package ch.petziwebhook.projector;

import java.util.Arrays;
import java.util.List;

import ch.petziwebhook.projector.rebuild.RebuildCommand;
import ch.petziwebhook.projector.redrive.DeadLetterRedrive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Service that projects the raw Petzi webhooks of Kafka into the PostgreSQL read model.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProjectorApplication {

	/**
	 * Starts the service, or with {@code redrive} or {@code rebuild} as first argument
	 * runs that command without starting the service.
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("redrive")) {
			System.exit(DeadLetterRedrive.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		if (args.length > 0 && args[0].equals("rebuild")) {
			System.exit(RebuildCommand.run(List.of(args).subList(1, args.length), System.out));
		}
		SpringApplication.run(ProjectorApplication.class, args);
	}

}
