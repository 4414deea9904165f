package ch.petziwebhook.faults;

/**
 * One record of the raw topic, reduced to what the reconciliation needs.
 *
 * @param deliveryId the {@code petzi-delivery-id} header
 * @param bodyKey the {@value WebhookBodies#KEY_FIELD} of the body, or {@code null} when
 * the body has none
 */
record RawRecord(String deliveryId, String bodyKey) {

}
