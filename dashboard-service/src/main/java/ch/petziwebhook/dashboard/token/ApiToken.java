package ch.petziwebhook.dashboard.token;

import java.time.OffsetDateTime;

/**
 * An API token as the settings page lists it, without the token itself.
 *
 * @param id the token's id
 * @param name what the admin called it, for example the script that uses it
 * @param createdBy the admin who created it
 * @param createdAt when it was created
 * @param lastUsedAt when a request last used it, or {@code null}
 */
public record ApiToken(long id, String name, String createdBy, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {

}
