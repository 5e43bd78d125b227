-- The customer channel: configurable, versioned forms; privacy notices and consent records;
-- attachments; the outbox of messages to customers; hurry-ups, surveys and the customer portal.

ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check CHECK (kind IN (
    'submitted', 'reply', 'customer_message', 'status_changed', 'classified', 'priority_changed',
    'sla_warning', 'sla_breached', 'linked', 'merged', 'legal_hold', 'delegated', 'handed_back',
    'hurry_up', 'survey_answered', 'links_revoked'));

-- How an organisation looks inside its own website, and which sites may frame its forms.
ALTER TABLE organisations
    ADD COLUMN brand_colour     text NOT NULL DEFAULT '#1d4e89' CHECK (brand_colour ~ '^#[0-9a-f]{6}$'),
    ADD COLUMN allowed_origins  text[] NOT NULL DEFAULT '{}',
    ADD COLUMN survey_threshold smallint NOT NULL DEFAULT 6 CHECK (survey_threshold BETWEEN 0 AND 10);

CREATE TABLE organisation_logos (
    organisation_id bigint PRIMARY KEY REFERENCES organisations (id),
    content_type    text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    data            bytea NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Each language's notice is versioned on its own; a published version is never changed.
CREATE TABLE privacy_notices (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    language        text NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
    version         integer NOT NULL CHECK (version > 0),
    body            text NOT NULL,
    published_at    timestamptz NOT NULL DEFAULT now(),
    published_by    bigint REFERENCES users (id),
    CONSTRAINT privacy_notices_version_key UNIQUE (organisation_id, language, version)
);

-- A form belongs to an organisation and says what kind of request it makes. Its fields live in
-- versions: a request points at the version it was sent with, so editing never changes old requests.
CREATE TABLE forms (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    slug            text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    request_type    text NOT NULL CHECK (request_type IN ('information_request', 'action_request',
                                         'feedback', 'incident', 'change_request', 'order')),
    category_id     bigint REFERENCES service_categories (id),
    name_fi         text NOT NULL,
    name_sv         text NOT NULL,
    name_en         text NOT NULL,
    intro_fi        text NOT NULL DEFAULT '',
    intro_sv        text NOT NULL DEFAULT '',
    intro_en        text NOT NULL DEFAULT '',
    active          boolean NOT NULL DEFAULT true,
    sort_order      integer NOT NULL DEFAULT 0,
    max_files       smallint NOT NULL DEFAULT 3 CHECK (max_files BETWEEN 0 AND 10),
    max_file_bytes  integer NOT NULL DEFAULT 5242880 CHECK (max_file_bytes BETWEEN 1024 AND 10485760),
    file_types      text[] NOT NULL DEFAULT '{pdf,png,jpeg}',
    CONSTRAINT forms_slug_key UNIQUE (organisation_id, slug)
);
CREATE INDEX forms_by_org ON forms (organisation_id, sort_order, id);

CREATE TABLE form_versions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    form_id     bigint NOT NULL REFERENCES forms (id),
    version     integer NOT NULL CHECK (version > 0),
    fields      jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  bigint REFERENCES users (id),
    CONSTRAINT form_versions_version_key UNIQUE (form_id, version)
);

-- What the customer answered and agreed to; hurry-ups are counted for reports.
ALTER TABLE service_requests
    ADD COLUMN form_version_id   bigint REFERENCES form_versions (id),
    ADD COLUMN answers           jsonb,
    ADD COLUMN consent_notice_id bigint REFERENCES privacy_notices (id),
    ADD COLUMN consent_language  text CHECK (consent_language IN ('fi', 'sv', 'en')),
    ADD COLUMN hurry_count       integer NOT NULL DEFAULT 0,
    ADD COLUMN last_hurry_at     timestamptz;
-- The portal's "my requests": one customer's requests across every organisation, newest first.
CREATE INDEX service_requests_by_email ON service_requests (lower(customer_email), id DESC);

-- Files are checked by their content and kept in the database with the request, served only to
-- the request's customer (by tracking link or portal) and its organisation's staff.
CREATE TABLE attachments (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES service_requests (id),
    event_id     bigint REFERENCES request_events (id),
    file_name    text NOT NULL,
    content_type text NOT NULL,
    size_bytes   integer NOT NULL,
    sha256       bytea NOT NULL,
    data         bytea NOT NULL,
    uploaded_by  text NOT NULL CHECK (uploaded_by IN ('customer', 'staff')),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_by_request ON attachments (request_id, id);

-- Every message to a customer, written in the same transaction as what caused it. Delivery
-- (SMTP) marks `sent_at`; until then the developer page lists them.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint REFERENCES organisations (id),
    request_id      bigint REFERENCES service_requests (id),
    kind            text NOT NULL CHECK (kind IN ('acknowledgement', 'taken', 'reply', 'waiting',
                                         'resolved', 'survey', 'tracking_link', 'portal_sign_in')),
    to_email        text NOT NULL,
    language        text NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
    subject         text NOT NULL,
    body            text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    attempts        integer NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_by_request ON outbox (request_id, id);

-- What staff must see: a customer hurried a request, a survey answer reopened one.
CREATE TABLE notifications (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    user_id         bigint REFERENCES users (id),
    request_id      bigint NOT NULL REFERENCES service_requests (id),
    kind            text NOT NULL CHECK (kind IN ('hurry_up', 'survey_low')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz
);
CREATE INDEX notifications_unread ON notifications (organisation_id, id DESC) WHERE read_at IS NULL;

-- One survey per resolution; the link carries the survey id and an HMAC over its nonce.
CREATE TABLE surveys (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id      bigint NOT NULL REFERENCES service_requests (id),
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    nonce           bigint NOT NULL,
    sent_at         timestamptz NOT NULL,
    score           smallint CHECK (score BETWEEN 0 AND 10),
    comment         text,
    answered_at     timestamptz
);
CREATE INDEX surveys_by_request ON surveys (request_id, id);
CREATE INDEX surveys_answered ON surveys (organisation_id, answered_at) WHERE answered_at IS NOT NULL;

-- The customer portal: an account is an e-mail address that signed in with an e-mailed link.
CREATE TABLE customer_accounts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at timestamptz
);
CREATE UNIQUE INDEX customer_accounts_email_key ON customer_accounts (lower(email));

CREATE TABLE portal_links (
    token_hash bytea PRIMARY KEY,
    email      text NOT NULL,
    language   text NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX portal_links_by_expiry ON portal_links (expires_at);

CREATE TABLE portal_sessions (
    token_hash bytea PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES customer_accounts (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX portal_sessions_by_account ON portal_sessions (account_id);
CREATE INDEX portal_sessions_by_expiry ON portal_sessions (expires_at);
