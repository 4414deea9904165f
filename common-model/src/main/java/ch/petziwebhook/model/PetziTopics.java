package ch.petziwebhook.model;

/**
 * Names of the Kafka topics the services share.
 */
public final class PetziTopics {

	/**
	 * Raw webhook bodies as received, keyed by ticket number; kept forever for replay.
	 */
	public static final String RAW = "petzi.webhooks.raw";

	/** Raw bodies the projector could not project, with the reason in headers. */
	public static final String DEAD_LETTER = "petzi.webhooks.dlt";

	/**
	 * One record per request ingest rejected, with the reason and no body, signature or
	 * secret.
	 */
	public static final String REJECTED = "petzi.webhooks.rejected";

	/** Latest state of each ticket, keyed by ticket number; compacted. */
	public static final String TICKETS = "petzi.tickets";

	/** Settings published by the dashboard, keyed by setting name; compacted. */
	public static final String SETTINGS = "petzi.settings";

	private PetziTopics() {
	}

}
