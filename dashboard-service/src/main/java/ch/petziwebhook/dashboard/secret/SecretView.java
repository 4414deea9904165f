package ch.petziwebhook.dashboard.secret;

import java.time.Instant;

/**
 * A webhook secret as the settings page shows it: never the secret itself.
 *
 * @param slot the slot name
 * @param hint the last characters of a long secret behind dots, only dots for a short one
 * @param expiresAt when the secret stops being accepted, or {@code null} for never
 * @param active whether ingest accepts it now
 */
public record SecretView(String slot, String hint, Instant expiresAt, boolean active) {

}
