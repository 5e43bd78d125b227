-- The advisor workspace, second part: who works on a request, queues as saved filters, "take next"
-- and quick search.

-- The advisor working on a request. Taking a new request starts its processing.
ALTER TABLE service_requests
    ADD COLUMN assignee_id bigint REFERENCES users (id),
    ADD COLUMN assigned_at timestamptz;

ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check CHECK (kind IN (
    'submitted', 'reply', 'customer_message', 'status_changed', 'classified', 'priority_changed',
    'sla_warning', 'sla_breached', 'linked', 'merged', 'legal_hold', 'delegated',
    'handed_back', 'hurry_up', 'survey_answered', 'links_revoked', 'note', 'assigned'));

-- An advisor's own active work in queue order ("My work").
CREATE INDEX service_requests_assigned ON service_requests (assignee_id, queue_due_at, priority_rank, id)
    WHERE assignee_id IS NOT NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');
-- An organisation's unassigned active work in queue order: what "take next" picks from.
CREATE INDEX service_requests_unassigned ON service_requests (organisation_id, queue_due_at, priority_rank, id)
    WHERE assignee_id IS NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');
-- Quick search by the start of the customer's name, alphabetically (byte order, so that the
-- prefix match and the order are one range of the index).
CREATE INDEX service_requests_by_name ON service_requests (organisation_id, (lower(customer_name) COLLATE "C"), id);

-- A queue is a saved filter over an organisation's active requests. Administrators define the
-- shared ones; an advisor's personal views have an owner. A NULL filter column matches anything.
CREATE TABLE queues (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    owner_user_id   bigint REFERENCES users (id) ON DELETE CASCADE,
    name_fi         text NOT NULL CHECK (length(name_fi) BETWEEN 1 AND 200),
    name_sv         text NOT NULL CHECK (length(name_sv) BETWEEN 1 AND 200),
    name_en         text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
    request_type    text CHECK (request_type IN ('information_request', 'action_request', 'feedback',
                                                 'incident', 'change_request', 'order')),
    category_id     bigint REFERENCES service_categories (id),
    status          text CHECK (status IN ('new', 'open', 'in_progress', 'waiting_for_customer',
                                           'waiting_for_supplier')),
    priority        text CHECK (priority IN ('critical', 'high', 'normal', 'low')),
    language        text CHECK (language IN ('fi', 'sv', 'en')),
    unassigned_only boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now()
);
-- The queues an advisor sees: the organisation's shared ones and their own, in creation order.
CREATE INDEX queues_of_org ON queues (organisation_id, id);

-- Live updates: every new event on a request tells the open workspaces of its organisation
-- which request changed and its newest event (payload `{organisation id}:{request id}:{event id}`).
CREATE FUNCTION notify_desk() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('luukku_desk', NEW.organisation_id || ':' || NEW.request_id || ':' || NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER request_events_notify_desk AFTER INSERT ON request_events
    FOR EACH ROW EXECUTE FUNCTION notify_desk();
