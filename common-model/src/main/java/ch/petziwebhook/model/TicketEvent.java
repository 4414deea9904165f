package ch.petziwebhook.model;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Document published on {@value PetziTopics#TICKETS} after a ticket changed in the read
 * model: the whole new state of the ticket, keyed by its number. The JSON carries
 * {@code schemaVersion} and a {@code changeType} of {@code created}, {@code updated} or
 * {@code cancelled}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "changeType")
@JsonSubTypes({ @JsonSubTypes.Type(value = TicketEvent.TicketCreated.class, name = "created"),
		@JsonSubTypes.Type(value = TicketEvent.TicketUpdated.class, name = "updated"),
		@JsonSubTypes.Type(value = TicketEvent.TicketCancelled.class, name = "cancelled") })
@JsonPropertyOrder({ "schemaVersion", "changeType", "deliveryId", "changedAt", "ticket", "buyer" })
public sealed interface TicketEvent {

	/** Version of this document's shape; raised on any incompatible change. */
	int SCHEMA_VERSION = 1;

	int schemaVersion();

	UUID deliveryId();

	Instant changedAt();

	Ticket ticket();

	Buyer buyer();

	/**
	 * Creates the event that fits a ticket's new state: cancelled when it carries a
	 * cancellation reason, else created or updated.
	 * @param created whether this delivery created the ticket in the read model
	 * @param deliveryId the delivery that caused the change
	 * @param changedAt when the read model changed
	 * @param ticket the new state of the ticket
	 * @param buyer the buyer, or {@code null}
	 * @return the event
	 */
	static TicketEvent of(boolean created, UUID deliveryId, Instant changedAt, Ticket ticket, Buyer buyer) {
		if (ticket.isCancelled()) {
			return new TicketCancelled(SCHEMA_VERSION, deliveryId, changedAt, ticket, buyer);
		}
		if (created) {
			return new TicketCreated(SCHEMA_VERSION, deliveryId, changedAt, ticket, buyer);
		}
		return new TicketUpdated(SCHEMA_VERSION, deliveryId, changedAt, ticket, buyer);
	}

	/**
	 * A ticket that the read model did not have before.
	 */
	record TicketCreated(int schemaVersion, UUID deliveryId, Instant changedAt, Ticket ticket,
			Buyer buyer) implements TicketEvent {

	}

	/**
	 * A new snapshot of a ticket the read model already had, not cancelled.
	 */
	record TicketUpdated(int schemaVersion, UUID deliveryId, Instant changedAt, Ticket ticket,
			Buyer buyer) implements TicketEvent {

	}

	/**
	 * A ticket whose new snapshot carries a cancellation reason.
	 */
	record TicketCancelled(int schemaVersion, UUID deliveryId, Instant changedAt, Ticket ticket,
			Buyer buyer) implements TicketEvent {

	}

}
