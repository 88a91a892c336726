-- Team conversation events in the log format's fields, for runtimes that log to the database.
CREATE TABLE IF NOT EXISTS team_conversations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_name TEXT NOT NULL,
    task_id TEXT NOT NULL,
    agent_name TEXT NOT NULL,
    message TEXT NOT NULL,
    message_type TEXT NOT NULL,
    to_agent TEXT,
    metadata JSONB NOT NULL DEFAULT '{}'::jsonb,
    "timestamp" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS team_conversations_team_time_idx ON team_conversations (team_name, "timestamp", id);
ALTER TABLE team_conversations ENABLE ROW LEVEL SECURITY;
