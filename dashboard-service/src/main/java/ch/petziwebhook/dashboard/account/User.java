package ch.petziwebhook.dashboard.account;

/**
 * A dashboard user as stored in {@code dashboard.users}.
 *
 * @param username the login name
 * @param passwordHash the encoded password, prefixed with its encoder id such as
 * {@code {bcrypt}}
 * @param role what the user may do
 */
record User(String username, String passwordHash, Role role) {

}
