package ch.petziwebhook.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Document published on {@value PetziTopics#TICKETS} after a ticket changed in the read
 * model: the whole new state of the ticket, keyed by its number. The JSON carries
 * {@code schemaVersion} and a {@code changeType} of {@code created}, {@code updated} or
 * {@code cancelled}. {@link Json} writes and reads the document, whose shape the JSON
 * Schema {@value #SCHEMA_RESOURCE} describes.
 * <p>
 * Every field comes from the delivery that changed the ticket, {@code changedAt} included
 * (the time ingest received it), so a replay of the raw topic publishes byte-identical
 * documents.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "changeType")
@JsonSubTypes({ @JsonSubTypes.Type(value = TicketEvent.TicketCreated.class, name = "created"),
		@JsonSubTypes.Type(value = TicketEvent.TicketUpdated.class, name = "updated"),
		@JsonSubTypes.Type(value = TicketEvent.TicketCancelled.class, name = "cancelled") })
// Jackson writes the type id changeType first, then these in order.
@JsonPropertyOrder({ "schemaVersion", "deliveryId", "changedAt", "ticket", "buyer" })
public sealed interface TicketEvent {

	/** Version of this document's shape; raised on any incompatible change. */
	int SCHEMA_VERSION = 1;

	/** Class path location of the document's JSON Schema (draft 2020-12). */
	String SCHEMA_RESOURCE = "/ch/petziwebhook/model/ticket-event.schema.json";

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
	 * @param changedAt when ingest received that delivery
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

	/**
	 * Writer and reader of the JSON document. Prices are written as strings with their
	 * scale ({@code "52.50"}), so that no consumer reads money as a binary float; times
	 * are ISO-8601 strings; absent values are written as {@code null}, so every document
	 * has every field. Unknown fields are ignored when reading, so that consumers keep
	 * working when a compatible field is added.
	 */
	final class Json {

		private static final JsonMapper MAPPER = JsonMapper.builder()
			.withConfigOverride(BigDecimal.class,
					(override) -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
			.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();

		private Json() {
		}

		/**
		 * Writes an event as UTF-8 JSON. The same event always gives the same bytes.
		 */
		public static byte[] write(TicketEvent event) {
			return MAPPER.writeValueAsBytes(event);
		}

		/**
		 * Reads an event from UTF-8 JSON.
		 * @throws IllegalArgumentException if the bytes are not a ticket event document
		 */
		public static TicketEvent read(byte[] json) {
			try {
				return MAPPER.readValue(json, TicketEvent.class);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Not a ticket event document: " + ex.getOriginalMessage(), ex);
			}
		}

	}

}
