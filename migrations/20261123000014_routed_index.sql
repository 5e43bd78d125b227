-- A routed queue reads its own requests: they are found by the queue, not by walking the
-- organisation's whole queue index for the few that routing placed there.
CREATE INDEX service_requests_routed ON service_requests (queue_id, queue_due_at, priority_rank, id)
    INCLUDE (request_type, category_id, status, priority, language, assignee_id, sla_warned_at,
             sla_breached_at)
    WHERE queue_id IS NOT NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');
