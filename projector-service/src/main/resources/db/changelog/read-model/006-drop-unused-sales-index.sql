--liquibase formatted sql

--changeset projector:016-drop-valid-ticket-sales-index
-- Sales over a range of days come from read_model.event_daily_sales since changeset 013, so no
-- query reads this index any more. It only added work to each ticket write.
DROP INDEX IF EXISTS read_model.tickets_valid_sold_at_idx;
