package ch.petziwebhook.projector.ticket;

/**
 * Effect of projecting one ticket snapshot on the read model.
 */
public enum ProjectionResult {

	/** The ticket was not in the read model and now is. */
	CREATED,

	/** The snapshot replaced the stored one. */
	UPDATED,

	/** The stored snapshot is newer, so nothing changed. */
	STALE

}
