-- Notes of the note management example, in its own schema "notes". owner_id is the user id
-- from the token's subject; users live in another service, so there is no foreign key.
CREATE TABLE notes (
    id         uuid        PRIMARY KEY,
    owner_id   text        NOT NULL,
    title      text        NOT NULL,
    content    text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE INDEX notes_owner_created_idx ON notes (owner_id, created_at DESC);
