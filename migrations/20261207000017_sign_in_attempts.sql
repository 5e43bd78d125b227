-- Sign-in attempts are recorded before the password is checked (so parallel guesses count each
-- other) and then marked with what came of them. A refused attempt (past a limit, never
-- checked) does not count as a failure, so guesses cannot keep an account waiting for ever.
ALTER TABLE login_attempts
    ADD COLUMN outcome text NOT NULL DEFAULT 'failed'
        CONSTRAINT login_attempts_outcome CHECK (outcome IN ('pending', 'failed', 'succeeded', 'refused'));
UPDATE login_attempts SET outcome = 'succeeded' WHERE succeeded;
ALTER TABLE login_attempts DROP COLUMN succeeded;
UPDATE login_attempts SET email = lower(btrim(email));
DROP INDEX login_attempts_by_email;
CREATE INDEX login_attempts_by_email ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_by_time ON login_attempts (attempted_at);
