-- The supervisor board: an organisation's active requests nobody has moved for a while, oldest
-- first.
CREATE INDEX service_requests_untouched ON service_requests (organisation_id, updated_at, id)
    WHERE status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');
