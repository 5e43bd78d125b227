-- Foundation: organisations, their service categories, requests with an append-only event log,
-- advisors with server-side sessions, and short-lived form flashes for forms posted without JavaScript.

CREATE TABLE organisations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL CONSTRAINT organisations_slug_key UNIQUE,
    prefix      text NOT NULL CONSTRAINT organisations_prefix_key UNIQUE CHECK (prefix ~ '^[A-Z]{2,6}$'),
    name_fi     text NOT NULL,
    name_sv     text NOT NULL,
    name_en     text NOT NULL,
    privacy_url text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service_categories (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    name_fi         text NOT NULL,
    name_sv         text NOT NULL,
    name_en         text NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    sort_order      integer NOT NULL DEFAULT 0
);
CREATE INDEX service_categories_by_org ON service_categories (organisation_id, sort_order, id);

-- One row per organisation and year; the row lock makes numbers unique without gaps in a year.
CREATE TABLE request_counters (
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    year            integer NOT NULL,
    last_value      bigint NOT NULL,
    PRIMARY KEY (organisation_id, year)
);

CREATE TABLE service_requests (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    number          text NOT NULL CONSTRAINT service_requests_number_key UNIQUE,
    tracking_nonce  bigint NOT NULL,
    channel         text NOT NULL CHECK (channel IN ('web', 'email', 'phone', 'desk', 'portal', 'api')),
    status          text NOT NULL CHECK (status IN ('new', 'open', 'in_progress', 'waiting_for_customer',
                                                   'waiting_for_supplier', 'resolved', 'closed')),
    language        text NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
    category_id     bigint REFERENCES service_categories (id),
    customer_name   text NOT NULL,
    customer_email  text NOT NULL,
    subject         text NOT NULL,
    message         text NOT NULL,
    consent_at      timestamptz NOT NULL,
    privacy_url     text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- The advisor queue: an organisation's active requests, oldest first (keyset on created_at, id).
CREATE INDEX service_requests_queue ON service_requests (organisation_id, created_at, id)
    WHERE status NOT IN ('resolved', 'closed');

CREATE TABLE users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    email           text NOT NULL,
    display_name    text NOT NULL,
    password_hash   text NOT NULL,
    role            text NOT NULL CHECK (role IN ('advisor', 'supervisor', 'admin')),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Append-only: nothing here is ever updated or deleted.
CREATE TABLE request_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id      bigint NOT NULL REFERENCES service_requests (id),
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    kind            text NOT NULL CHECK (kind IN ('submitted', 'reply', 'customer_message', 'status_changed')),
    actor_user_id   bigint REFERENCES users (id),
    public          boolean NOT NULL,
    body            text,
    from_status     text,
    to_status       text,
    channel         text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_events_timeline ON request_events (request_id, id);

CREATE TABLE sessions (
    token_hash   bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE login_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text NOT NULL,
    ip           text NOT NULL,
    succeeded    boolean NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_by_email ON login_attempts (lower(email), attempted_at);
CREATE INDEX login_attempts_by_ip ON login_attempts (ip, attempted_at);

-- What a form posted without JavaScript said, kept briefly so the page can show it again with errors.
CREATE TABLE form_flashes (
    id         uuid PRIMARY KEY,
    payload    jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX form_flashes_by_age ON form_flashes (created_at);
