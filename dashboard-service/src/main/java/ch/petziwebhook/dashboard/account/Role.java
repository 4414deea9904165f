package ch.petziwebhook.dashboard.account;

/**
 * Permission level of a dashboard user.
 */
public enum Role {

	/** Manages users and settings, and reads everything a viewer reads. */
	ADMIN,

	/** Reads pages and the API. */
	VIEWER

}
