-- Queues by expected length: each request carries how long it is expected to take to handle
-- (quick, normal, long). New requests take their type's usual length; advisors correct it when
-- they classify. A saved queue may filter on it, and both queue indexes carry it so that counts
-- and heads stay index-only.
ALTER TABLE service_requests ADD COLUMN expected_length text NOT NULL DEFAULT 'normal'
    CHECK (expected_length IN ('quick', 'normal', 'long'));
UPDATE service_requests SET expected_length = CASE request_type
    WHEN 'information_request' THEN 'quick'
    WHEN 'feedback' THEN 'quick'
    WHEN 'change_request' THEN 'long'
    ELSE 'normal' END
WHERE request_type IN ('information_request', 'feedback', 'change_request');

ALTER TABLE queues ADD COLUMN expected_length text
    CHECK (expected_length IN ('quick', 'normal', 'long'));

DROP INDEX service_requests_queue;
CREATE INDEX service_requests_queue ON service_requests (organisation_id, queue_due_at, priority_rank, id)
    INCLUDE (request_type, category_id, status, priority, language, assignee_id, expected_length)
    WHERE status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');
DROP INDEX service_requests_routed;
CREATE INDEX service_requests_routed ON service_requests (queue_id, queue_due_at, priority_rank, id)
    INCLUDE (request_type, category_id, status, priority, language, assignee_id, expected_length,
             sla_warned_at, sla_breached_at)
    WHERE queue_id IS NOT NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');
DROP INDEX service_requests_at_risk;
CREATE INDEX service_requests_at_risk ON service_requests (organisation_id, queue_due_at)
    INCLUDE (request_type, category_id, status, priority, language, assignee_id, expected_length,
             queue_id, sla_breached_at)
    WHERE sla_warned_at IS NOT NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');
