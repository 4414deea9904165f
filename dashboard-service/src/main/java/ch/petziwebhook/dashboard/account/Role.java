package ch.petziwebhook.dashboard.account;

/**
 * What a dashboard user may do.
 */
public enum Role {

	/** Manages users and settings, and sees everything a viewer sees. */
	ADMIN,

	/** Reads pages and the API. */
	VIEWER

}
