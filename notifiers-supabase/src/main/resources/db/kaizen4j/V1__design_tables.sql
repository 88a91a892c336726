-- The review queue and metrics tables exactly as the design defines them. Tables a user already
-- created by hand are kept as they are (columns, rows and row-level security untouched); tables
-- created here get row-level security with no policy, so the anon key reads and writes nothing.
DO $$
BEGIN
    IF to_regclass(format('%I.team_improvement_requests', '${flyway:defaultSchema}')) IS NULL THEN
        CREATE TABLE team_improvement_requests (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            team_name TEXT NOT NULL,
            request_type TEXT NOT NULL, -- 'prompt' or 'code'
            agent_name TEXT NOT NULL,
            current_state JSONB NOT NULL,
            proposed_state JSONB NOT NULL,
            rationale TEXT NOT NULL,
            effectiveness_metrics JSONB,
            status TEXT DEFAULT 'pending', -- pending, approved, rejected, needs_work, implemented
            created_at TIMESTAMP DEFAULT NOW(),
            reviewed_at TIMESTAMP,
            implemented_at TIMESTAMP,
            reviewer_notes TEXT
        );
        ALTER TABLE team_improvement_requests ENABLE ROW LEVEL SECURITY;
    END IF;
    IF to_regclass(format('%I.team_effectiveness_metrics', '${flyway:defaultSchema}')) IS NULL THEN
        CREATE TABLE team_effectiveness_metrics (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            team_name TEXT NOT NULL,
            metric_date DATE NOT NULL,
            tasks_completed INTEGER,
            average_completion_time INTERVAL,
            collaboration_score FLOAT,
            error_rate FLOAT,
            improvement_suggestions INTEGER,
            UNIQUE(team_name, metric_date)
        );
        ALTER TABLE team_effectiveness_metrics ENABLE ROW LEVEL SECURITY;
    END IF;
END
$$;
