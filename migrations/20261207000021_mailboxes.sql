-- The mailboxes an organisation reads its mail from (IMAP over TLS). Each is read by its own task
-- of every running server; `version` changes with every edit, so a running reader notices and
-- starts again with the new settings. The password is sealed (XChaCha20-Poly1305) with a key
-- derived from the server's secret: the database alone does not give it away. With several
-- servers, one reads each mailbox: the one holding its lease (`reader`, renewed every few seconds
-- until `reader_until`); when that server stops, another takes the mailbox over once it runs out.
CREATE TABLE mailboxes (
    id               bigserial PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    host             text NOT NULL CHECK (length(host) BETWEEN 1 AND 253),
    port             integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    username         text NOT NULL CHECK (length(username) BETWEEN 1 AND 254),
    password_sealed  bytea NOT NULL CHECK (length(password_sealed) <= 2100),
    -- Where new mail is read, and where each mail goes once what it became is committed.
    folder           text NOT NULL CHECK (length(folder) BETWEEN 1 AND 200),
    processed_folder text NOT NULL CHECK (length(processed_folder) BETWEEN 1 AND 200),
    failed_folder    text NOT NULL CHECK (length(failed_folder) BETWEEN 1 AND 200),
    enabled          boolean NOT NULL DEFAULT true,
    version          integer NOT NULL DEFAULT 1,
    reader           text CHECK (length(reader) <= 100),
    reader_until     timestamptz,
    -- What the reader last saw: when it last read the folder, how many mails it has taken in,
    -- and the last failure (cleared by the next good read).
    checked_at       timestamptz,
    taken_in         bigint NOT NULL DEFAULT 0,
    failed           bigint NOT NULL DEFAULT 0,
    last_error       text CHECK (length(last_error) <= 1000),
    last_error_at    timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mailboxes_account UNIQUE (organisation_id, host, port, username, folder)
);
-- The readers' list: every enabled mailbox of every organisation.
CREATE INDEX mailboxes_enabled ON mailboxes (id) WHERE enabled;
