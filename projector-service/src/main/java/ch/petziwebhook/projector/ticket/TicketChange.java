package ch.petziwebhook.projector.ticket;

import ch.petziwebhook.model.PetziWebhook;

/**
 * One ticket snapshot to project: a {@code ticket_created} or {@code ticket_updated}
 * webhook whose ticket has a number, and where its delivery sits in the order of
 * deliveries.
 *
 * @param webhook the webhook
 * @param version the version of the snapshot
 */
public record TicketChange(PetziWebhook webhook, TicketVersion version) {

	/**
	 * Returns the ticket number.
	 */
	public String number() {
		return this.webhook.ticket().number();
	}

}
