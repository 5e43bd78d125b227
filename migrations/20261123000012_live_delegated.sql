-- Live updates also reach the organisation a request is delegated to, so its workspace sees the
-- delegated request change without a reload.
CREATE OR REPLACE FUNCTION notify_desk() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delegate bigint;
BEGIN
    PERFORM pg_notify('luukku_desk', NEW.organisation_id || ':' || NEW.request_id || ':' || NEW.id);
    SELECT delegated_to_org_id INTO delegate FROM service_requests WHERE id = NEW.request_id;
    IF delegate IS NOT NULL AND delegate <> NEW.organisation_id THEN
        PERFORM pg_notify('luukku_desk', delegate || ':' || NEW.request_id || ':' || NEW.id);
    END IF;
    RETURN NULL;
END $$;
