-- The advisor workspace, first part: internal notes on the timeline, @mentions that notify a
-- colleague, and drafts saved while an advisor writes.

ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check CHECK (kind IN (
    'submitted', 'reply', 'customer_message', 'status_changed', 'classified', 'priority_changed',
    'sla_warning', 'sla_breached', 'linked', 'merged', 'legal_hold', 'delegated',
    'handed_back', 'hurry_up', 'survey_answered', 'links_revoked', 'note'));

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('hurry_up', 'survey_low', 'mention'));
-- A colleague's own unread notifications, newest first.
CREATE INDEX notifications_for_user ON notifications (user_id, id DESC)
    WHERE read_at IS NULL AND user_id IS NOT NULL;

-- One draft per advisor, request and kind; saved every few seconds while they write and removed
-- when what they wrote is sent. A fresh one tells colleagues that someone is writing.
CREATE TABLE drafts (
    request_id  bigint NOT NULL REFERENCES service_requests (id),
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('reply', 'note')),
    body        text NOT NULL CHECK (length(body) <= 10000),
    saved_at    timestamptz NOT NULL,
    PRIMARY KEY (request_id, user_id, kind)
);
