-- Reminders: a request nobody has moved for the organisation's untouched time reminds its
-- assignee (or, unassigned, the whole organisation) once per untouched spell.
ALTER TABLE organisations ADD COLUMN untouched_hours integer NOT NULL DEFAULT 24
    CHECK (untouched_hours BETWEEN 1 AND 720);
ALTER TABLE service_requests ADD COLUMN reminded_at timestamptz;

-- Any move of a request (every write that stamps updated_at) starts a new untouched spell.
CREATE FUNCTION reset_reminder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN
        NEW.reminded_at := NULL;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER service_requests_reset_reminder BEFORE UPDATE OF updated_at ON service_requests
    FOR EACH ROW EXECUTE FUNCTION reset_reminder();

-- What the reminder timer looks at: active requests not yet reminded, oldest move first. A
-- reminded request leaves the index until it moves again, so the timer never rereads old ones.
CREATE INDEX service_requests_to_remind ON service_requests (organisation_id, updated_at, id)
    WHERE reminded_at IS NULL
      AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('hurry_up', 'survey_low', 'mention', 'reminder'));
