--liquibase formatted sql

--changeset projector:013-add-event-totals splitStatements:false
-- Totals of read_model.tickets that the dashboard reads instead of aggregating a million
-- tickets per request. Triggers on read_model.tickets keep them exact in the transaction
-- that changes the tickets. Tables, triggers and the initial fill form one changeset, so one
-- transaction: CREATE TRIGGER waits for writers to finish and blocks new ones until the fill
-- has committed, so no ticket is counted twice or missed.
--
-- A totals row exists only while it counts at least one ticket, because the triggers delete a
-- row that drops to zero. So the totals depend only on the tickets and not on the statements
-- that wrote them, and a rebuilt schema compares equal to the live one.
--
-- revenue sums price_amount, and priced_tickets counts the tickets with a price, so that a
-- group of tickets without any price reads as "no revenue" as sum(price_amount) did.
--
-- Key columns may be NULL, and a unique index treats NULLs as distinct before PostgreSQL 15,
-- so each unique index matches a NULL by (column IS NULL) plus coalesce(column, ...).

-- Tickets per event, status and currency, for the home page and the events page.
CREATE TABLE read_model.event_ticket_totals (
    event_id bigint NOT NULL,
    status text NOT NULL,
    price_currency text,
    tickets bigint NOT NULL,
    priced_tickets bigint NOT NULL,
    revenue numeric(20, 2) NOT NULL
);
CREATE UNIQUE INDEX event_ticket_totals_key_idx ON read_model.event_ticket_totals
    (event_id, status, (price_currency IS NULL), coalesce(price_currency, ''));

-- Valid tickets per event, Europe/Zurich day of sold_at, category and type, for the sales
-- charts and the category and type splits. event_id is NULL for tickets without an event,
-- which the chart of all events counts.
CREATE TABLE read_model.event_daily_sales (
    event_id bigint,
    day date NOT NULL,
    category text,
    type text,
    tickets bigint NOT NULL,
    priced_tickets bigint NOT NULL,
    revenue numeric(20, 2) NOT NULL
);
CREATE UNIQUE INDEX event_daily_sales_key_idx ON read_model.event_daily_sales
    ((event_id IS NULL), coalesce(event_id, 0), day, (category IS NULL), coalesce(category, ''),
     (type IS NULL), coalesce(type, ''));
CREATE INDEX event_daily_sales_event_id_idx ON read_model.event_daily_sales (event_id, day);
CREATE INDEX event_daily_sales_day_idx ON read_model.event_daily_sales (day) INCLUDE (tickets);

-- Adds the rows a statement wrote to read_model.tickets and subtracts the rows it replaced or
-- deleted. The trigger names its transition tables new_tickets and old_tickets. The schema of
-- the totals is TG_TABLE_SCHEMA, never a name in this text, because the rebuild creates these
-- objects in a shadow schema and then renames it.
CREATE FUNCTION read_model.add_ticket_totals() RETURNS trigger
LANGUAGE plpgsql AS $function$
DECLARE
    changes text;
    emptied tid[];
BEGIN
    -- Transactions that write tickets of one schema update its totals one after the other,
    -- from their first totals update until they end. Sorting the keys of each call is not
    -- enough: PostgreSQL 15 fires an upsert's update trigger and then its insert trigger, so
    -- two upserts could lock the same totals rows in opposite orders and deadlock.
    PERFORM pg_advisory_xact_lock(hashtext('read model totals'), hashtext(TG_TABLE_SCHEMA));

    changes := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_tickets'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_tickets'
        ELSE 'SELECT 1 AS sign, * FROM new_tickets UNION ALL SELECT -1 AS sign, * FROM old_tickets'
    END;

    EXECUTE format($sql$
        WITH changed AS (
            INSERT INTO %1$I.event_ticket_totals AS t
                (event_id, status, price_currency, tickets, priced_tickets, revenue)
            SELECT event_id, status, price_currency, sum(sign),
                   coalesce(sum(sign) FILTER (WHERE price_amount IS NOT NULL), 0),
                   coalesce(sum(sign * price_amount), 0)
            FROM (%2$s) c
            WHERE event_id IS NOT NULL
            GROUP BY event_id, status, price_currency
            HAVING sum(sign) <> 0 OR coalesce(sum(sign * price_amount), 0) <> 0
                OR coalesce(sum(sign) FILTER (WHERE price_amount IS NOT NULL), 0) <> 0
            ORDER BY event_id, status, price_currency
            ON CONFLICT (event_id, status, (price_currency IS NULL), coalesce(price_currency, ''))
            DO UPDATE SET tickets = t.tickets + excluded.tickets,
                          priced_tickets = t.priced_tickets + excluded.priced_tickets,
                          revenue = t.revenue + excluded.revenue
            RETURNING t.ctid, t.tickets
        )
        SELECT array_agg(ctid) FILTER (WHERE tickets = 0) FROM changed
        $sql$, TG_TABLE_SCHEMA, changes) INTO emptied;
    IF emptied IS NOT NULL THEN
        EXECUTE format('DELETE FROM %I.event_ticket_totals WHERE ctid = ANY ($1)', TG_TABLE_SCHEMA) USING emptied;
    END IF;

    EXECUTE format($sql$
        WITH changed AS (
            INSERT INTO %1$I.event_daily_sales AS t
                (event_id, day, category, type, tickets, priced_tickets, revenue)
            SELECT event_id, (sold_at AT TIME ZONE 'Europe/Zurich')::date AS day, category, type, sum(sign),
                   coalesce(sum(sign) FILTER (WHERE price_amount IS NOT NULL), 0),
                   coalesce(sum(sign * price_amount), 0)
            FROM (%2$s) c
            WHERE status = 'valid'
            GROUP BY event_id, day, category, type
            HAVING sum(sign) <> 0 OR coalesce(sum(sign * price_amount), 0) <> 0
                OR coalesce(sum(sign) FILTER (WHERE price_amount IS NOT NULL), 0) <> 0
            ORDER BY event_id, day, category, type
            ON CONFLICT ((event_id IS NULL), coalesce(event_id, 0), day, (category IS NULL), coalesce(category, ''),
                         (type IS NULL), coalesce(type, ''))
            DO UPDATE SET tickets = t.tickets + excluded.tickets,
                          priced_tickets = t.priced_tickets + excluded.priced_tickets,
                          revenue = t.revenue + excluded.revenue
            RETURNING t.ctid, t.tickets
        )
        SELECT array_agg(ctid) FILTER (WHERE tickets = 0) FROM changed
        $sql$, TG_TABLE_SCHEMA, changes) INTO emptied;
    IF emptied IS NOT NULL THEN
        EXECUTE format('DELETE FROM %I.event_daily_sales WHERE ctid = ANY ($1)', TG_TABLE_SCHEMA) USING emptied;
    END IF;

    RETURN NULL;
END
$function$;

-- A trigger with transition tables may fire on one kind of statement only, so there are three.
-- INSERT ... ON CONFLICT DO UPDATE fires the insert trigger with the inserted rows and the
-- update trigger with the updated ones. COPY FROM fires the insert trigger too.
CREATE TRIGGER tickets_insert_totals AFTER INSERT ON read_model.tickets
    REFERENCING NEW TABLE AS new_tickets
    FOR EACH STATEMENT EXECUTE FUNCTION read_model.add_ticket_totals();
CREATE TRIGGER tickets_update_totals AFTER UPDATE ON read_model.tickets
    REFERENCING OLD TABLE AS old_tickets NEW TABLE AS new_tickets
    FOR EACH STATEMENT EXECUTE FUNCTION read_model.add_ticket_totals();
CREATE TRIGGER tickets_delete_totals AFTER DELETE ON read_model.tickets
    REFERENCING OLD TABLE AS old_tickets
    FOR EACH STATEMENT EXECUTE FUNCTION read_model.add_ticket_totals();

-- Empties the totals when read_model.tickets is truncated, as a reset of the read model does.
-- It deletes rather than truncates, because PostgreSQL refuses to truncate a table that the
-- statement firing the trigger truncates too, as in TRUNCATE read_model.tickets,
-- read_model.event_ticket_totals.
CREATE FUNCTION read_model.clear_ticket_totals() RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
    EXECUTE format('DELETE FROM %I.event_ticket_totals', TG_TABLE_SCHEMA);
    EXECUTE format('DELETE FROM %I.event_daily_sales', TG_TABLE_SCHEMA);
    RETURN NULL;
END
$function$;

CREATE TRIGGER tickets_truncate_totals AFTER TRUNCATE ON read_model.tickets
    FOR EACH STATEMENT EXECUTE FUNCTION read_model.clear_ticket_totals();

-- Fills the totals from the tickets stored before this changeset.
INSERT INTO read_model.event_ticket_totals (event_id, status, price_currency, tickets, priced_tickets, revenue)
SELECT event_id, status, price_currency, count(*), count(price_amount), coalesce(sum(price_amount), 0)
FROM read_model.tickets
WHERE event_id IS NOT NULL
GROUP BY event_id, status, price_currency;

INSERT INTO read_model.event_daily_sales (event_id, day, category, type, tickets, priced_tickets, revenue)
SELECT event_id, (sold_at AT TIME ZONE 'Europe/Zurich')::date AS day, category, type, count(*), count(price_amount),
       coalesce(sum(price_amount), 0)
FROM read_model.tickets
WHERE status = 'valid'
GROUP BY event_id, day, category, type;
