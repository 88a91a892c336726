-- The improvement ledger shared by every runtime on this database: the append-only entries (the
-- same JSON the file ledger writes, one line per transition) and one row per request holding its
-- current status, which transitions lock so that each is checked and appended atomically.
CREATE TABLE IF NOT EXISTS kaizen4j_ledger_requests (
    request_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    team_name TEXT NOT NULL,
    status TEXT NOT NULL,
    first_recorded_seq BIGINT GENERATED ALWAYS AS IDENTITY,
    updated_at TIMESTAMPTZ NOT NULL,
    claimed_by TEXT,
    claimed_until TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS kaizen4j_ledger_requests_fingerprint_idx ON kaizen4j_ledger_requests (fingerprint);
CREATE INDEX IF NOT EXISTS kaizen4j_ledger_requests_status_idx ON kaizen4j_ledger_requests (status);
ALTER TABLE kaizen4j_ledger_requests ENABLE ROW LEVEL SECURITY;

CREATE TABLE IF NOT EXISTS kaizen4j_ledger_entries (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES kaizen4j_ledger_requests (request_id),
    status TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    entry JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS kaizen4j_ledger_entries_request_idx ON kaizen4j_ledger_entries (request_id, seq);
ALTER TABLE kaizen4j_ledger_entries ENABLE ROW LEVEL SECURITY;

-- One runtime at a time runs a team's cycle: a lease with an expiry, renewed while the cycle runs,
-- so that a runtime that dies releases its teams when the lease runs out. Works through any pooler.
CREATE TABLE IF NOT EXISTS kaizen4j_team_leases (
    team_name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
ALTER TABLE kaizen4j_team_leases ENABLE ROW LEVEL SECURITY;
