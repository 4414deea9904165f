--liquibase formatted sql

--changeset dashboard:001-create-schema
CREATE SCHEMA IF NOT EXISTS dashboard;

--changeset dashboard:002-create-users-table
-- password_hash holds a DelegatingPasswordEncoder value such as '{bcrypt}$2a$10$...'.
CREATE TABLE dashboard.users (
    id bigserial PRIMARY KEY,
    username text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('ADMIN', 'VIEWER')),
    created_at timestamptz NOT NULL DEFAULT now()
);
