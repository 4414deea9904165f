--liquibase formatted sql

--changeset dashboard:006-create-rejected-webhooks-table
-- Requests that ingest rejected, copied from the petzi.webhooks.rejected topic for the
-- delivery log. The topic position is unique, so a record consumed twice is stored once.
-- The dashboard deletes rows older than the retention and beyond the row limit.
CREATE TABLE dashboard.rejected_webhooks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    rejected_at timestamptz NOT NULL,
    reason text NOT NULL,
    status integer NOT NULL,
    detail text,
    remote_address text,
    user_agent text,
    petzi_version text,
    body_length bigint NOT NULL,
    body_sha256 text,
    timestamp_skew_seconds bigint,
    secret_slots_tried text[] NOT NULL DEFAULT '{}',
    source_partition integer NOT NULL,
    source_offset bigint NOT NULL,
    UNIQUE (source_partition, source_offset)
);
CREATE INDEX rejected_webhooks_rejected_at_idx ON dashboard.rejected_webhooks (rejected_at DESC, id DESC);
