package ch.petziwebhook.faults;

/**
 * One HTTP request of the sender and its outcome. Re-sending the same body and signature
 * (a duplicate) is a send of its own with the same body key.
 *
 * @param id the send's number, unique in the run
 * @param window the fault window the send started in
 * @param bodyKey the {@value WebhookBodies#KEY_FIELD} of the body, shared by duplicates
 * @param ticket the ticket number
 * @param signatureTimestamp the {@code t} of the signature, in unix seconds
 * @param state the ticket state the body carries, see {@link WebhookBodies#state}
 * @param status the HTTP status, or 0 when no response came (connection refused, reset or
 * timed out)
 * @param deliveryId the delivery id of a 200 response, else {@code null}
 */
record SendResult(long id, String window, String bodyKey, String ticket, long signatureTimestamp, String state,
		int status, String deliveryId) {

	boolean accepted() {
		return this.status == 200;
	}

}
