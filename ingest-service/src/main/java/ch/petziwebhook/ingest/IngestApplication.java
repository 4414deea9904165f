package ch.petziwebhook.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of the ingest service, which verifies signed Petzi webhooks and publishes
 * their raw bodies to Kafka.
 */
@SpringBootApplication
public class IngestApplication {

	public static void main(String[] args) {
		SpringApplication.run(IngestApplication.class, args);
	}

}
