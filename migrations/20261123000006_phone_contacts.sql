-- The advisor workspace, fourth part: phone contacts.

ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check CHECK (kind IN (
    'submitted', 'reply', 'customer_message', 'status_changed', 'classified', 'priority_changed',
    'sla_warning', 'sla_breached', 'linked', 'merged', 'legal_hold', 'delegated',
    'handed_back', 'hurry_up', 'survey_answered', 'links_revoked', 'note', 'assigned', 'phone_call'));

-- Every call an advisor logs, new request or not, for reports: who, how long, how it ended.
CREATE TABLE phone_contacts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    request_id       bigint NOT NULL REFERENCES service_requests (id),
    user_id          bigint REFERENCES users (id) ON DELETE SET NULL,
    caller           text NOT NULL CHECK (length(caller) BETWEEN 1 AND 200),
    phone            text NOT NULL CHECK (length(phone) <= 40),
    duration_seconds integer NOT NULL CHECK (duration_seconds BETWEEN 0 AND 28800),
    outcome          text NOT NULL CHECK (outcome IN ('resolved', 'follow_up', 'queued')),
    new_request      boolean NOT NULL,
    created_at       timestamptz NOT NULL
);
-- Reports count an organisation's calls over a period.
CREATE INDEX phone_contacts_by_org ON phone_contacts (organisation_id, created_at);
CREATE INDEX phone_contacts_by_request ON phone_contacts (request_id, id);
