--liquibase formatted sql

--changeset projector:014-drop-ticket-event-id-index
-- tickets_event_id_status_idx starts with event_id, so it serves every lookup of tickets by
-- event. The index on event_id alone only added work to each ticket write.
DROP INDEX IF EXISTS read_model.tickets_event_id_idx;
