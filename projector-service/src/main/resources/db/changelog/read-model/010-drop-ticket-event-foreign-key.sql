--liquibase formatted sql

--changeset projector:020-drop-ticket-event-foreign-key
-- PostgreSQL checked this key with one query per ticket written. The query locked the event's
-- row in every transaction and took 14 µs per ticket with three writers. In runs back to back
-- without it, the projector benchmark reached 10,114 and 10,357/s against 8,358 and 9,373/s
-- with it. The projector writes each ticket's event in the same transaction, before the ticket,
-- and never deletes an event, so every ticket still names a stored event (checked by
-- ConcurrentBatchesTests). The sessions keep their key to events.
ALTER TABLE read_model.tickets DROP CONSTRAINT IF EXISTS tickets_event_id_fkey;
