-- Request-view actions: waiting for a supplier with its reference, the knowledge-base article a
-- resolution used.
ALTER TABLE service_requests
    ADD COLUMN supplier_name      text CHECK (length(supplier_name) <= 200),
    ADD COLUMN supplier_reference text CHECK (length(supplier_reference) <= 100),
    ADD COLUMN kb_article_url     text CHECK (length(kb_article_url) <= 500);

ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check CHECK (kind IN (
    'submitted', 'reply', 'customer_message', 'status_changed', 'classified', 'priority_changed',
    'sla_warning', 'sla_breached', 'linked', 'merged', 'legal_hold', 'delegated',
    'handed_back', 'hurry_up', 'survey_answered', 'links_revoked', 'note', 'assigned', 'phone_call',
    'supplier'));
