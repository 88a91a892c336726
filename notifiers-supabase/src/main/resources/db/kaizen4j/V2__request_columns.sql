-- Columns Kaizen4j adds to the review queue: only additions, so a table created by hand keeps its
-- columns and rows. Rows written by people or other tools leave them null.
ALTER TABLE team_improvement_requests
    ADD COLUMN IF NOT EXISTS request_id TEXT,
    ADD COLUMN IF NOT EXISTS fingerprint TEXT,
    ADD COLUMN IF NOT EXISTS title TEXT,
    ADD COLUMN IF NOT EXISTS category TEXT,
    ADD COLUMN IF NOT EXISTS diff TEXT,
    ADD COLUMN IF NOT EXISTS validation JSONB,
    ADD COLUMN IF NOT EXISTS reviewed_by TEXT,
    ADD COLUMN IF NOT EXISTS pull_request_url TEXT,
    ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ DEFAULT NOW();

-- Plain (not partial) unique indexes: PostgREST's on_conflict and INSERT ... ON CONFLICT need one.
-- Null fingerprints (rows not written by Kaizen4j) never collide.
CREATE UNIQUE INDEX IF NOT EXISTS team_improvement_requests_fingerprint_key
    ON team_improvement_requests (fingerprint);
CREATE UNIQUE INDEX IF NOT EXISTS team_improvement_requests_request_id_key
    ON team_improvement_requests (request_id);
CREATE INDEX IF NOT EXISTS team_improvement_requests_status_idx
    ON team_improvement_requests (status);
