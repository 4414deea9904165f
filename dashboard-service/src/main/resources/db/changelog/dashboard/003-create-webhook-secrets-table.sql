--liquibase formatted sql

--changeset dashboard:005-create-webhook-secrets-table
-- The shared secrets that ingest verifies webhook signatures with, one per slot. The
-- dashboard publishes the whole list to the compacted petzi.settings topic after every
-- change. The secret is kept in plain text because ingest needs it for the HMAC, so
-- access to this table must be as restricted as access to the secret.
CREATE TABLE dashboard.webhook_secrets (
    slot text PRIMARY KEY,
    secret text NOT NULL,
    expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL
);
