-- Queue counts and filters at scale: the queue index carries every column a saved queue filters
-- on, so counting a queue and walking it to its first match read the index alone (no heap visit
-- per row once the rows are all-visible).
DROP INDEX service_requests_queue;
CREATE INDEX service_requests_queue ON service_requests (organisation_id, queue_due_at, priority_rank, id)
    INCLUDE (request_type, category_id, status, priority, language, assignee_id)
    WHERE status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');
