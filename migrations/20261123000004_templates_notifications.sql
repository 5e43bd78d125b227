-- The advisor workspace, third part: reply templates and the notifications list.

-- Reply templates per organisation and language. `{customer_name}`, `{number}`, `{subject}`,
-- `{advisor}` and `{organisation}` are filled in for the request being answered.
CREATE TABLE reply_templates (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    language        text NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    created_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
-- An organisation's templates by language and title: the request view's choice and the list.
CREATE INDEX reply_templates_by_org ON reply_templates (organisation_id, language, title, id);

-- Who caused a notification (the colleague who mentioned someone), when a person did.
ALTER TABLE notifications ADD COLUMN actor_user_id bigint REFERENCES users (id) ON DELETE SET NULL;
-- Opening a request reads its notifications.
CREATE INDEX notifications_unread_by_request ON notifications (request_id) WHERE read_at IS NULL;
