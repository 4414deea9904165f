--liquibase formatted sql

--changeset projector:008-create-trigram-extension
-- pg_trgm is part of PostgreSQL's contrib package and a trusted extension since PostgreSQL 13,
-- so the owner of the database may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

--changeset projector:009-index-ticket-search
-- The dashboard's search matches '%text%' case-insensitively against the ticket number and the
-- buyer's name in both orders. Trigram indexes serve such patterns from three characters on.
-- The CASE expressions equal concat_ws(' ', ...), which PostgreSQL does not accept in an index
-- because it is only STABLE.
CREATE INDEX tickets_number_trgm_idx ON read_model.tickets USING gin (number gin_trgm_ops);
CREATE INDEX tickets_buyer_name_trgm_idx ON read_model.tickets USING gin ((
    CASE WHEN buyer_first_name IS NULL THEN coalesce(buyer_last_name, '')
         WHEN buyer_last_name IS NULL THEN buyer_first_name
         ELSE buyer_first_name || ' ' || buyer_last_name END) gin_trgm_ops);
CREATE INDEX tickets_buyer_name_reversed_trgm_idx ON read_model.tickets USING gin ((
    CASE WHEN buyer_last_name IS NULL THEN coalesce(buyer_first_name, '')
         WHEN buyer_first_name IS NULL THEN buyer_last_name
         ELSE buyer_last_name || ' ' || buyer_first_name END) gin_trgm_ops);

--changeset projector:010-index-ticket-counts-per-event
-- Counts, revenue, splits and sales charts of one event read only this index.
CREATE INDEX tickets_event_id_status_idx ON read_model.tickets (event_id, status)
    INCLUDE (sold_at, price_amount, price_currency, category, type);

--changeset projector:011-index-valid-ticket-sales
-- Sales of all events over a range of days read only this index.
CREATE INDEX tickets_valid_sold_at_idx ON read_model.tickets (sold_at) WHERE status = 'valid';

--changeset projector:012-index-buyers
-- The buyer listing pages through tickets that carry buyer data, by ticket number.
CREATE INDEX tickets_with_buyer_number_idx ON read_model.tickets (number)
    WHERE coalesce(buyer_role, buyer_first_name, buyer_last_name, buyer_email, buyer_postcode) IS NOT NULL;
