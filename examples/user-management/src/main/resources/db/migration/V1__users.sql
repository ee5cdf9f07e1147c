-- Accounts of the user management example, in its own schema "users".
CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
