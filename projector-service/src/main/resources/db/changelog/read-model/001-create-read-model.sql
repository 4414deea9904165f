--liquibase formatted sql

--changeset projector:001-create-schema
CREATE SCHEMA IF NOT EXISTS read_model;

--changeset projector:002-create-events-table
-- event_key is 'petzi:<eventId>' when Petzi sends an event id, else 'name:<event name>'.
CREATE TABLE read_model.events (
    id bigserial PRIMARY KEY,
    event_key text NOT NULL UNIQUE,
    petzi_event_id bigint,
    name text,
    promoter text
);

--changeset projector:003-create-locations-table
-- location_key joins name, street, city and postcode, so equal venues share one row.
CREATE TABLE read_model.locations (
    id bigserial PRIMARY KEY,
    location_key text NOT NULL UNIQUE,
    name text,
    street text,
    city text,
    postcode text
);

--changeset projector:004-create-sessions-table
-- session_key joins the event key, name, date, time and location key.
CREATE TABLE read_model.sessions (
    id bigserial PRIMARY KEY,
    session_key text NOT NULL UNIQUE,
    event_id bigint NOT NULL REFERENCES read_model.events (id),
    location_id bigint REFERENCES read_model.locations (id),
    name text,
    date date,
    time time,
    doors time
);
CREATE INDEX sessions_event_id_idx ON read_model.sessions (event_id);

--changeset projector:005-create-tickets-table
-- One row per ticket number holding the newest snapshot. sold_at is generatedAt, or the
-- receive time of the first delivery when Petzi sent none. Every column comes from a delivery,
-- never from the clock of the projector, so replaying the topic gives identical rows.
CREATE TABLE read_model.tickets (
    number text PRIMARY KEY,
    type text,
    title text,
    category text,
    event_id bigint REFERENCES read_model.events (id),
    status text NOT NULL CHECK (status IN ('valid', 'cancelled')),
    cancellation_reason text,
    generated_at timestamptz,
    sold_at timestamptz NOT NULL,
    price_amount numeric(10, 2),
    price_currency text,
    buyer_role text,
    buyer_first_name text,
    buyer_last_name text,
    buyer_email text,
    buyer_postcode text,
    last_delivery_id uuid NOT NULL,
    signature_timestamp bigint NOT NULL,
    source_partition integer NOT NULL,
    source_offset bigint NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX tickets_event_id_idx ON read_model.tickets (event_id);
CREATE INDEX tickets_sold_at_idx ON read_model.tickets (sold_at DESC, number DESC);

--changeset projector:006-create-ticket-sessions-table
CREATE TABLE read_model.ticket_sessions (
    ticket_number text NOT NULL REFERENCES read_model.tickets (number) ON DELETE CASCADE,
    position integer NOT NULL,
    session_id bigint NOT NULL REFERENCES read_model.sessions (id),
    PRIMARY KEY (ticket_number, position)
);
CREATE INDEX ticket_sessions_session_id_idx ON read_model.ticket_sessions (session_id);

--changeset projector:007-create-deliveries-table
-- The delivery log: one row per raw record, whatever became of it.
CREATE TABLE read_model.deliveries (
    delivery_id uuid PRIMARY KEY,
    received_at timestamptz NOT NULL,
    event text,
    ticket_number text,
    status text NOT NULL CHECK (status IN ('projected', 'stale', 'ignored', 'failed')),
    error text,
    signature_timestamp bigint,
    source_partition integer NOT NULL,
    source_offset bigint NOT NULL,
    processed_at timestamptz NOT NULL
);
CREATE INDEX deliveries_received_at_idx ON read_model.deliveries (received_at DESC);
CREATE INDEX deliveries_ticket_number_idx ON read_model.deliveries (ticket_number);
