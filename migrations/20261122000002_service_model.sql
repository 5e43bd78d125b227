-- The service model: classification hierarchy, request types and priority, business calendars,
-- SLA policies, and the SLA clocks stored on each request so queues sort by a column.

-- More statuses: cancelled by the customer, archived by retention.
ALTER TABLE service_requests DROP CONSTRAINT service_requests_status_check;
ALTER TABLE service_requests ADD CONSTRAINT service_requests_status_check CHECK (status IN (
    'new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier', 'resolved', 'closed',
    'cancelled', 'archived'));

ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check CHECK (kind IN (
    'submitted', 'reply', 'customer_message', 'status_changed', 'classified', 'priority_changed',
    'sla_warning', 'sla_breached', 'linked', 'merged', 'legal_hold', 'delegated', 'handed_back'));

-- Structured facts of an event (a priority change's from, to and reason; a classification's
-- names as they were), shown in each reader's language.
ALTER TABLE request_events ADD COLUMN detail jsonb;

-- Department → service provider → service category → problem code. Retired nodes stay on old
-- requests: nothing here is deleted, `active` hides a node from new choices.
CREATE TABLE departments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    name_fi         text NOT NULL,
    name_sv         text NOT NULL,
    name_en         text NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    sort_order      integer NOT NULL DEFAULT 0
);
CREATE INDEX departments_by_org ON departments (organisation_id, sort_order, id);

CREATE TABLE service_providers (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    department_id   bigint NOT NULL REFERENCES departments (id),
    name_fi         text NOT NULL,
    name_sv         text NOT NULL,
    name_en         text NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    sort_order      integer NOT NULL DEFAULT 0
);
CREATE INDEX service_providers_by_org ON service_providers (organisation_id, sort_order, id);
CREATE INDEX service_providers_by_department ON service_providers (department_id);

ALTER TABLE service_categories ADD COLUMN provider_id bigint REFERENCES service_providers (id);
CREATE INDEX service_categories_by_provider ON service_categories (provider_id);

CREATE TABLE problem_codes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    category_id     bigint NOT NULL REFERENCES service_categories (id),
    name_fi         text NOT NULL,
    name_sv         text NOT NULL,
    name_en         text NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    sort_order      integer NOT NULL DEFAULT 0
);
CREATE INDEX problem_codes_by_org ON problem_codes (organisation_id, sort_order, id);
CREATE INDEX problem_codes_by_category ON problem_codes (category_id);

-- Business calendar: the organisation's time zone and whether Finnish holidays close it, its
-- weekly hours (0 = Monday) and its own closures.
ALTER TABLE organisations
    ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Helsinki',
    ADD COLUMN finnish_holidays boolean NOT NULL DEFAULT true;

CREATE TABLE calendar_hours (
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    weekday         smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    opens           time NOT NULL,
    closes          time NOT NULL CHECK (closes > opens),
    PRIMARY KEY (organisation_id, weekday)
);
INSERT INTO calendar_hours (organisation_id, weekday, opens, closes)
SELECT o.id, d, '08:00', '16:00' FROM organisations o CROSS JOIN generate_series(0, 4) AS d;

CREATE TABLE calendar_closures (
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    day             date NOT NULL,
    reason          text NOT NULL,
    PRIMARY KEY (organisation_id, day)
);

-- Priority = matrix[urgency][impact]; a missing cell falls back to the standard table.
CREATE TABLE priority_matrix (
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    urgency         text NOT NULL CHECK (urgency IN ('high', 'medium', 'low')),
    impact          text NOT NULL CHECK (impact IN ('high', 'medium', 'low')),
    priority        text NOT NULL CHECK (priority IN ('critical', 'high', 'normal', 'low')),
    PRIMARY KEY (organisation_id, urgency, impact)
);

CREATE TABLE sla_policies (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id        bigint NOT NULL REFERENCES organisations (id),
    name                   text NOT NULL,
    request_type           text CHECK (request_type IN ('information_request', 'action_request', 'feedback',
                                                        'incident', 'change_request', 'order')),
    category_id            bigint REFERENCES service_categories (id),
    priority               text CHECK (priority IN ('critical', 'high', 'normal', 'low')),
    customer_org           text,
    first_response_minutes integer CHECK (first_response_minutes > 0),
    resolution_minutes     integer CHECK (resolution_minutes > 0),
    warn_percent           integer NOT NULL DEFAULT 75 CHECK (warn_percent BETWEEN 1 AND 99),
    active                 boolean NOT NULL DEFAULT true,
    sort_order             integer NOT NULL DEFAULT 0
);
CREATE INDEX sla_policies_by_org ON sla_policies (organisation_id, sort_order, id) WHERE active;

ALTER TABLE service_requests
    ADD COLUMN request_type text NOT NULL DEFAULT 'information_request' CHECK (request_type IN (
        'information_request', 'action_request', 'feedback', 'incident', 'change_request', 'order')),
    ADD COLUMN problem_code_id bigint REFERENCES problem_codes (id),
    ADD COLUMN customer_org text,
    ADD COLUMN urgency text NOT NULL DEFAULT 'medium' CHECK (urgency IN ('high', 'medium', 'low')),
    ADD COLUMN impact text NOT NULL DEFAULT 'medium' CHECK (impact IN ('high', 'medium', 'low')),
    ADD COLUMN priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('critical', 'high', 'normal', 'low')),
    -- 1 = critical … 4 = low: sorts the most urgent first.
    ADD COLUMN priority_rank smallint NOT NULL DEFAULT 3,
    ADD COLUMN sla_policy_id bigint REFERENCES sla_policies (id),
    ADD COLUMN first_response_due_at timestamptz,
    ADD COLUMN first_response_at timestamptz,
    -- NULL while the clock is paused (waiting for the customer) or without a resolution target.
    ADD COLUMN resolution_due_at timestamptz,
    ADD COLUMN sla_warn_at timestamptz,
    ADD COLUMN sla_paused_at timestamptz,
    ADD COLUMN sla_warned_at timestamptz,
    ADD COLUMN sla_breached_at timestamptz,
    ADD COLUMN customer_wait_minutes integer NOT NULL DEFAULT 0,
    ADD COLUMN supplier_wait_minutes integer NOT NULL DEFAULT 0,
    ADD COLUMN resolved_at timestamptz;

-- The queue sorts by due time (none last), then priority, then id, with keyset paging.
ALTER TABLE service_requests
    ADD COLUMN queue_due_at timestamptz GENERATED ALWAYS AS (coalesce(resolution_due_at, 'infinity')) STORED;
DROP INDEX service_requests_queue;
CREATE INDEX service_requests_queue ON service_requests (organisation_id, queue_due_at, priority_rank, id)
    WHERE status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');

-- What the SLA timer looks for: running clocks about to warn or breach that have not yet.
CREATE INDEX service_requests_sla_warn ON service_requests (sla_warn_at)
    WHERE sla_warned_at IS NULL AND sla_warn_at IS NOT NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_supplier');
CREATE INDEX service_requests_sla_breach ON service_requests (resolution_due_at)
    WHERE sla_breached_at IS NULL AND resolution_due_at IS NOT NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_supplier');

-- The status history an SLA recomputation reads.
CREATE INDEX request_events_status_changes ON request_events (request_id, id) WHERE kind = 'status_changed';

-- A service-point administrator sets up organisations; an organisation's own administrators
-- configure only theirs (role 'admin').
ALTER TABLE users ADD COLUMN service_admin boolean NOT NULL DEFAULT false;
CREATE INDEX users_by_org ON users (organisation_id, display_name, id);

-- Links between requests of one organisation. same_customer / same_customer_org are made
-- automatically on submission; related, child (from = parent) and duplicate (from = the
-- duplicate, to = the request kept) by advisors.
CREATE TABLE request_links (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    from_request_id bigint NOT NULL REFERENCES service_requests (id),
    to_request_id   bigint NOT NULL REFERENCES service_requests (id),
    kind            text NOT NULL CHECK (kind IN ('same_customer', 'same_customer_org', 'related', 'child',
                                                  'duplicate')),
    created_by      bigint REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (from_request_id <> to_request_id),
    CONSTRAINT request_links_pair_key UNIQUE (from_request_id, to_request_id, kind)
);
CREATE INDEX request_links_to ON request_links (to_request_id);

ALTER TABLE service_requests
    ADD COLUMN parent_id bigint REFERENCES service_requests (id),
    ADD COLUMN merged_into_id bigint REFERENCES service_requests (id);
-- Finding a customer's other requests, newest first.
CREATE INDEX service_requests_by_customer ON service_requests (organisation_id, lower(customer_email), id DESC);
CREATE INDEX service_requests_by_customer_org ON service_requests (organisation_id, lower(customer_org), id DESC)
    WHERE customer_org IS NOT NULL;

-- Retention per request type: archived (out of the working set, still searchable) some days after
-- it is finished, and optionally anonymised or deleted some months after. A legal hold stops both.
CREATE TABLE retention_rules (
    organisation_id      bigint NOT NULL REFERENCES organisations (id),
    request_type         text NOT NULL CHECK (request_type IN ('information_request', 'action_request', 'feedback',
                                                               'incident', 'change_request', 'order')),
    archive_after_days   integer NOT NULL CHECK (archive_after_days BETWEEN 1 AND 3650),
    dispose_after_months integer CHECK (dispose_after_months BETWEEN 1 AND 1200),
    disposal             text NOT NULL DEFAULT 'anonymise' CHECK (disposal IN ('anonymise', 'delete')),
    PRIMARY KEY (organisation_id, request_type)
);

ALTER TABLE service_requests
    ADD COLUMN legal_hold boolean NOT NULL DEFAULT false,
    ADD COLUMN archived_at timestamptz;
-- What the archiver looks at: finished requests not on hold, oldest first. `updated_at` of a
-- finished request is when it was finished.
CREATE INDEX service_requests_finished ON service_requests (updated_at)
    WHERE status IN ('resolved', 'closed', 'cancelled') AND NOT legal_hold;

-- A work order is the work itself; many customer requests about the same problem join it, and
-- completing it resolves each of them with a reply in its customer's language.
CREATE TABLE work_orders (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    title           text NOT NULL,
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    created_by      bigint NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    done_at         timestamptz
);
CREATE INDEX work_orders_open ON work_orders (organisation_id, id DESC) WHERE status = 'open';
ALTER TABLE service_requests ADD COLUMN work_order_id bigint REFERENCES work_orders (id);
CREATE INDEX service_requests_by_work_order ON service_requests (work_order_id, id) WHERE work_order_id IS NOT NULL;

-- Delegation across organisations: the owner hands a request to another organisation's queue and
-- chooses what the receiver sees; the receiver hands it back. The time away is its own clock.
CREATE TABLE delegations (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id    bigint NOT NULL REFERENCES organisations (id),
    request_id         bigint NOT NULL REFERENCES service_requests (id),
    to_organisation_id bigint NOT NULL REFERENCES organisations (id),
    share_timeline     boolean NOT NULL,
    share_contact      boolean NOT NULL,
    note               text NOT NULL,
    created_by         bigint NOT NULL REFERENCES users (id),
    created_at         timestamptz NOT NULL,
    returned_at        timestamptz,
    returned_by        bigint REFERENCES users (id),
    return_note        text,
    CHECK (to_organisation_id <> organisation_id)
);
CREATE INDEX delegations_by_request ON delegations (request_id, id);
-- At most one delegation of a request is open at a time.
CREATE UNIQUE INDEX delegations_one_open ON delegations (request_id) WHERE returned_at IS NULL;

ALTER TABLE service_requests
    ADD COLUMN delegated_to_org_id bigint REFERENCES organisations (id),
    ADD COLUMN delegated_minutes integer NOT NULL DEFAULT 0;
-- The receiving organisation's list of what was handed to it, soonest due first.
CREATE INDEX service_requests_delegated_queue ON service_requests (delegated_to_org_id, queue_due_at, priority_rank, id)
    WHERE delegated_to_org_id IS NOT NULL;
