-- Outgoing e-mail: each organisation's sender and signature, and the outbox as a delivery queue
-- that any number of server instances work through together.

ALTER TABLE organisations
    ADD COLUMN mail_from_name    text NOT NULL DEFAULT '' CHECK (length(mail_from_name) <= 200),
    ADD COLUMN mail_from_address text NOT NULL DEFAULT '' CHECK (length(mail_from_address) <= 254),
    ADD COLUMN signature_fi      text NOT NULL DEFAULT '' CHECK (length(signature_fi) <= 2000),
    ADD COLUMN signature_sv      text NOT NULL DEFAULT '' CHECK (length(signature_sv) <= 2000),
    ADD COLUMN signature_en      text NOT NULL DEFAULT '' CHECK (length(signature_en) <= 2000);

-- A message is queued until it is sent or has failed for good. `message_id` is fixed the first
-- time a worker takes it, so every retry carries the same Message-ID; `claimed_until` is the
-- lease of the worker that took it (another takes it over when the lease runs out, as after a
-- crash); `next_attempt_at` is when a temporary failure is tried again.
ALTER TABLE outbox
    ADD COLUMN message_id      text UNIQUE,
    ADD COLUMN claimed_until   timestamptz,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
    ADD COLUMN failed_at       timestamptz,
    ADD COLUMN last_error      text CHECK (length(last_error) <= 1000);

DROP INDEX outbox_pending;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;

-- A message that could not be delivered is a step of its request's history, for staff.
ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check CHECK (kind IN (
    'submitted', 'reply', 'customer_message', 'status_changed', 'classified', 'priority_changed',
    'sla_warning', 'sla_breached', 'linked', 'merged', 'legal_hold', 'delegated',
    'handed_back', 'hurry_up', 'survey_answered', 'links_revoked', 'note', 'assigned', 'phone_call',
    'supplier', 'routed', 'mail_failed'));
