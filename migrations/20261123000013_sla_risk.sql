-- The supervisor board's SLA risk per queue: the active requests whose warning time has passed
-- (breached or not), with every column a queue filters on, so each queue's risk counts from this
-- small index alone.
CREATE INDEX service_requests_at_risk ON service_requests (organisation_id, queue_due_at)
    INCLUDE (request_type, category_id, status, priority, language, assignee_id, queue_id, sla_breached_at)
    WHERE sla_warned_at IS NOT NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');
