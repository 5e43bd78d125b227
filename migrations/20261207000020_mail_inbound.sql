-- Incoming e-mail: every mail an organisation receives is recorded once, with what it became.

-- The language a mail is taken in when its own cannot be told, and how long after its
-- resolution a customer's answer reopens a request (later, it starts a new linked one).
ALTER TABLE organisations
    ADD COLUMN default_language text NOT NULL DEFAULT 'fi' CHECK (default_language IN ('fi', 'sv', 'en')),
    ADD COLUMN reopen_days      integer NOT NULL DEFAULT 14 CHECK (reopen_days BETWEEN 0 AND 365);

-- One row per mail and organisation. `mail_key` is the Message-ID, or a hash of the bytes when
-- there is none, so the same mail delivered to two mailboxes, fetched twice or fetched again
-- after a crash is taken in once: the row is written in the same transaction as what the mail
-- became. `outcome`: request (a new one), reply (added to `request_id`), held (an unknown sender
-- answering `request_id`, until an advisor decides), ignored (automatic or list mail), bounce (a
-- delivery report), refused (unreadable, with `reason`).
CREATE TABLE inbound_mail (
    id              bigserial PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    mail_key        text NOT NULL CHECK (length(mail_key) <= 260),
    message_id      text CHECK (length(message_id) <= 260),
    received_at     timestamptz NOT NULL,
    from_email      text NOT NULL DEFAULT '' CHECK (length(from_email) <= 254),
    from_name       text NOT NULL DEFAULT '' CHECK (length(from_name) <= 200),
    subject         text NOT NULL DEFAULT '' CHECK (length(subject) <= 400),
    body            text NOT NULL DEFAULT '' CHECK (length(body) <= 200000),
    outcome         text NOT NULL CHECK (outcome IN ('request', 'reply', 'held', 'ignored', 'bounce', 'refused')),
    reason          text CHECK (length(reason) <= 1000),
    request_id      bigint REFERENCES service_requests (id) ON DELETE SET NULL,
    handled_at      timestamptz,
    UNIQUE (organisation_id, mail_key)
);
-- A customer's reply names an earlier mail of theirs in its References.
CREATE INDEX inbound_mail_message_id ON inbound_mail (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX inbound_mail_by_request ON inbound_mail (request_id, id) WHERE request_id IS NOT NULL;
-- The administrators' mail log, newest first, and the held mail waiting for an advisor.
CREATE INDEX inbound_mail_log ON inbound_mail (organisation_id, id);
CREATE INDEX inbound_mail_held ON inbound_mail (organisation_id, id) WHERE outcome = 'held' AND handled_at IS NULL;
