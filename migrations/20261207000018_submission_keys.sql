-- A form post carries a key made when its form was rendered; the request it created is found by
-- it, so a post sent again (a lost answer, a double click, a reload) gets the first answer
-- instead of making a second request. Keys are forgotten after a day.
CREATE TABLE submission_keys (
    key        bytea PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submission_keys_by_time ON submission_keys (created_at);
CREATE INDEX submission_keys_by_request ON submission_keys (request_id);
