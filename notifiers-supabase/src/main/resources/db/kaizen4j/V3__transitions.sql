-- The audit trail of the review queue: every status a row enters, who set it, when and why,
-- whether Kaizen4j, the SQL editor, the table view or a dashboard made the change.
CREATE TABLE IF NOT EXISTS team_improvement_transitions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_row_id UUID NOT NULL,
    request_id TEXT,
    from_status TEXT,
    to_status TEXT,
    actor TEXT NOT NULL,
    reason TEXT,
    at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS team_improvement_transitions_request_idx
    ON team_improvement_transitions (request_row_id, id);
ALTER TABLE team_improvement_transitions ENABLE ROW LEVEL SECURITY;

CREATE OR REPLACE FUNCTION kaizen4j_record_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO team_improvement_transitions (request_row_id, request_id, from_status, to_status, actor, reason)
        VALUES (NEW.id, NEW.request_id,
                CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.status END,
                NEW.status,
                COALESCE(NEW.reviewed_by, current_user),
                NEW.reviewer_notes);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS kaizen4j_record_transition ON team_improvement_requests;
CREATE TRIGGER kaizen4j_record_transition
    AFTER INSERT OR UPDATE OF status ON team_improvement_requests
    FOR EACH ROW EXECUTE FUNCTION kaizen4j_record_transition();
