-- Routing: rules per organisation place a new request in a queue and may give it to someone.

-- A shared queue can list exactly the requests routing placed in it.
ALTER TABLE queues ADD COLUMN routed_only boolean NOT NULL DEFAULT false;
ALTER TABLE service_requests ADD COLUMN queue_id bigint REFERENCES queues (id) ON DELETE SET NULL;

-- The queue index also carries the routed queue, so routed queues count from the index alone.
DROP INDEX service_requests_queue;
CREATE INDEX service_requests_queue ON service_requests (organisation_id, queue_due_at, priority_rank, id)
    INCLUDE (request_type, category_id, status, priority, language, assignee_id, queue_id)
    WHERE status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');

-- Rules are tried in `position` order; the first whose every set condition holds decides. A NULL
-- condition matches anything; keywords match when any of them is in the subject or message.
CREATE TABLE routing_rules (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    position        integer NOT NULL,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    request_type    text CHECK (request_type IN ('information_request', 'action_request', 'feedback',
                                                 'incident', 'change_request', 'order')),
    category_id     bigint REFERENCES service_categories (id),
    language        text CHECK (language IN ('fi', 'sv', 'en')),
    keywords        text[] NOT NULL DEFAULT '{}',
    customer_org    text CHECK (length(customer_org) <= 200),
    queue_id        bigint REFERENCES queues (id) ON DELETE SET NULL,
    -- Give the request to the member whose skills fit with the least work (round-robin among
    -- equals, and among everyone with room when nobody's skills fit).
    assign          boolean NOT NULL DEFAULT false,
    -- Whom this rule gave work to last, for the round-robin.
    last_user_id    bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_rules_of_org ON routing_rules (organisation_id, position, id);

ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check CHECK (kind IN (
    'submitted', 'reply', 'customer_message', 'status_changed', 'classified', 'priority_changed',
    'sla_warning', 'sla_breached', 'linked', 'merged', 'legal_hold', 'delegated',
    'handed_back', 'hurry_up', 'survey_answered', 'links_revoked', 'note', 'assigned', 'phone_call',
    'supplier', 'routed'));
