--liquibase formatted sql

--changeset projector:021-drop-ticket-session-foreign-keys
-- PostgreSQL checked each session link against its ticket and its session with one query per
-- link, which locked the referenced rows. Every transaction locked some of the same few session
-- rows. In three rounds back to back, the projector benchmark reached 10,350, 9,502 and 8,824/s
-- without these keys against 9,570, 8,405 and 8,259/s with them.
-- The projector writes a ticket's sessions, links and ticket in one transaction and deletes
-- neither tickets nor sessions, so every link still names a stored ticket and session (checked
-- by ConcurrentBatchesTests).
ALTER TABLE read_model.ticket_sessions DROP CONSTRAINT IF EXISTS ticket_sessions_session_id_fkey;
ALTER TABLE read_model.ticket_sessions DROP CONSTRAINT IF EXISTS ticket_sessions_ticket_number_fkey;
