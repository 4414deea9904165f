--liquibase formatted sql

--changeset dashboard:003-create-settings-table
-- One row per setting that admins change on the settings page, for example
-- 'registration.open' = 'true'. A missing row means the setting's default.
CREATE TABLE dashboard.settings (
    key text PRIMARY KEY,
    value text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text
);

--changeset dashboard:004-create-api-tokens-table
-- Tokens that admins create for scripts. Only the SHA-256 hash of a token is kept, so a
-- token is shown once, when it is created.
CREATE TABLE dashboard.api_tokens (
    id bigserial PRIMARY KEY,
    name text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz
);
