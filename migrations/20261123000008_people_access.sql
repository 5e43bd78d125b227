-- People and access: a member of staff belongs to one or more organisations with a role, skills
-- and a capacity in each; a session works in one of them at a time.
CREATE TABLE memberships (
    user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    role            text NOT NULL CHECK (role IN ('advisor', 'supervisor', 'admin')),
    -- Skills: the languages and categories this person takes work in; empty means any.
    languages       text[] NOT NULL DEFAULT '{}'
                    CHECK (languages <@ ARRAY['fi', 'sv', 'en']::text[]),
    category_ids    bigint[] NOT NULL DEFAULT '{}',
    -- How many active requests "take next" and routing give this person at most.
    capacity        integer NOT NULL DEFAULT 25 CHECK (capacity BETWEEN 1 AND 500),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, organisation_id)
);
-- The people of an organisation (admin page, colleagues, mentions, the board).
CREATE INDEX memberships_by_organisation ON memberships (organisation_id, user_id);

INSERT INTO memberships (user_id, organisation_id, role)
SELECT id, organisation_id, role FROM users;

-- The organisation a session works in; removing the membership ends the session's access.
ALTER TABLE sessions ADD COLUMN organisation_id bigint REFERENCES organisations (id);
UPDATE sessions s SET organisation_id = u.organisation_id FROM users u WHERE u.id = s.user_id;
ALTER TABLE sessions ALTER COLUMN organisation_id SET NOT NULL;

ALTER TABLE users DROP COLUMN organisation_id, DROP COLUMN role;

-- A member's work is counted and listed per organisation now that people belong to several.
DROP INDEX service_requests_assigned;
CREATE INDEX service_requests_assigned
    ON service_requests (assignee_id, organisation_id, queue_due_at, priority_rank, id)
    WHERE assignee_id IS NOT NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');

-- Password reset (and first password for an invited member): single use, short-lived; only the
-- token's hash is stored.
CREATE TABLE password_resets (
    token_hash  bytea PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX password_resets_by_user ON password_resets (user_id, created_at);

-- Messages to staff go through the same outbox as messages to customers.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('acknowledgement', 'taken', 'reply', 'waiting', 'resolved', 'survey',
                    'tracking_link', 'portal_sign_in', 'password_reset', 'staff_invite'));
