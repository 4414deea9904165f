package ch.petziwebhook.faults;

/**
 * State of one ticket as a row of {@code read_model.tickets} or as the latest document of
 * {@code petzi.tickets}.
 *
 * @param ticket the ticket number
 * @param state the title, price and cancellation reason, see {@link WebhookBodies#state}
 * @param deliveryId the delivery that last changed the ticket
 */
record TicketState(String ticket, String state, String deliveryId) {

}
