package ch.petziwebhook.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of one webhook delivery as Petzi sends it: the kind of change and the ticket with
 * its buyer.
 *
 * @param event {@value #TICKET_CREATED} or {@value #TICKET_UPDATED}; other values are
 * kept but projected as ignored
 * @param details the ticket and the buyer, or {@code null} when the body has none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PetziWebhook(String event, Details details) {

	public static final String TICKET_CREATED = "ticket_created";

	public static final String TICKET_UPDATED = "ticket_updated";

	/**
	 * Returns whether the event is one that changes a ticket.
	 */
	public boolean isTicketChange() {
		return TICKET_CREATED.equals(this.event) || TICKET_UPDATED.equals(this.event);
	}

	/**
	 * Returns the ticket, or {@code null} when the body carries none.
	 */
	public Ticket ticket() {
		return (this.details != null) ? this.details.ticket() : null;
	}

	/**
	 * Returns the buyer, or {@code null} when the body carries none.
	 */
	public Buyer buyer() {
		return (this.details != null) ? this.details.buyer() : null;
	}

	/**
	 * Content of the {@code details} object.
	 *
	 * @param ticket the ticket
	 * @param buyer the buyer
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Details(Ticket ticket, Buyer buyer) {

	}

}
