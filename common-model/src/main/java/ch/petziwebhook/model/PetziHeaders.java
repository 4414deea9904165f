package ch.petziwebhook.model;

/**
 * Names of the HTTP headers Petzi sends and of the Kafka headers on every raw record.
 */
public final class PetziHeaders {

	/** HTTP header carrying {@code t=<unix seconds>,v1=<hex>}. */
	public static final String SIGNATURE = "Petzi-Signature";

	/** HTTP header carrying Petzi's payload version, {@code 2} at the time of writing. */
	public static final String VERSION = "Petzi-Version";

	/** Kafka header: UUID that ingest gave the delivery. */
	public static final String DELIVERY_ID = "petzi-delivery-id";

	/** Kafka header: when ingest received the delivery, ISO-8601 in UTC. */
	public static final String RECEIVED_AT = "petzi-received-at";

	/** Kafka header: the {@code t} of the verified signature, in decimal unix seconds. */
	public static final String SIGNATURE_TIMESTAMP = "petzi-signature-timestamp";

	/**
	 * Kafka header: the {@code Petzi-Version} HTTP header, present only when Petzi sent
	 * one.
	 */
	public static final String PETZI_VERSION = "petzi-version";

	/**
	 * Kafka header: {@code topic-partition@offset} of the record that an operator copied
	 * back to the raw topic, present only on such copies.
	 */
	public static final String REDRIVEN_FROM = "petzi-redriven-from";

	private PetziHeaders() {
	}

}
