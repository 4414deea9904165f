--liquibase formatted sql

--changeset projector:015-defer-ticket-session-ticket-check
-- The projector writes a batch's session links before its tickets, so that the tickets, whose
-- totals triggers hold a lock until the commit, come last. The links' check of their ticket
-- therefore runs at the commit.
ALTER TABLE read_model.ticket_sessions
    ALTER CONSTRAINT ticket_sessions_ticket_number_fkey DEFERRABLE INITIALLY DEFERRED;
