-- Every organisation carries the version of the settings that taking in a request reads: its own
-- row (calendar time zone, holidays), published forms, categories, privacy notices, priority
-- matrix, SLA policies, calendar and routing rules. Any change to them moves the version on in the
-- same transaction, so a server that keeps those settings in memory sees a change as soon as it
-- is committed, by reading the organisation row it reads anyway.
ALTER TABLE organisations ADD COLUMN settings_version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION organisations_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.settings_version = OLD.settings_version THEN
        NEW.settings_version := OLD.settings_version + 1;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER organisations_settings_version BEFORE UPDATE ON organisations
    FOR EACH ROW EXECUTE FUNCTION organisations_settings_changed();

-- For the tables that carry organisation_id.
CREATE FUNCTION settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id IN (OLD.organisation_id, NEW.organisation_id);
    RETURN NULL;
END $$;

CREATE FUNCTION form_version_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id IN (SELECT f.organisation_id FROM forms f WHERE f.id IN (OLD.form_id, NEW.form_id));
    RETURN NULL;
END $$;

CREATE TRIGGER forms_settings_version AFTER INSERT OR UPDATE OR DELETE ON forms
    FOR EACH ROW EXECUTE FUNCTION settings_changed();
CREATE TRIGGER form_versions_settings_version AFTER INSERT OR UPDATE OR DELETE ON form_versions
    FOR EACH ROW EXECUTE FUNCTION form_version_changed();
CREATE TRIGGER service_categories_settings_version AFTER INSERT OR UPDATE OR DELETE ON service_categories
    FOR EACH ROW EXECUTE FUNCTION settings_changed();
CREATE TRIGGER privacy_notices_settings_version AFTER INSERT OR UPDATE OR DELETE ON privacy_notices
    FOR EACH ROW EXECUTE FUNCTION settings_changed();
CREATE TRIGGER priority_matrix_settings_version AFTER INSERT OR UPDATE OR DELETE ON priority_matrix
    FOR EACH ROW EXECUTE FUNCTION settings_changed();
CREATE TRIGGER sla_policies_settings_version AFTER INSERT OR UPDATE OR DELETE ON sla_policies
    FOR EACH ROW EXECUTE FUNCTION settings_changed();
CREATE TRIGGER calendar_hours_settings_version AFTER INSERT OR UPDATE OR DELETE ON calendar_hours
    FOR EACH ROW EXECUTE FUNCTION settings_changed();
CREATE TRIGGER calendar_closures_settings_version AFTER INSERT OR UPDATE OR DELETE ON calendar_closures
    FOR EACH ROW EXECUTE FUNCTION settings_changed();
-- Routing remembers whom a rule last gave work to on every pick: that is work, not a setting.
CREATE TRIGGER routing_rules_settings_version
    AFTER INSERT OR DELETE OR UPDATE OF organisation_id, position, name, request_type, category_id,
        language, keywords, customer_org, queue_id, assign ON routing_rules
    FOR EACH ROW EXECUTE FUNCTION settings_changed();
-- Rules show their queue's name.
CREATE TRIGGER queues_settings_version AFTER INSERT OR UPDATE OR DELETE ON queues
    FOR EACH ROW EXECUTE FUNCTION settings_changed();
