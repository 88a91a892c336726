-- Dates a person's decision when they change only the status (as in Supabase's table view): a row
-- whose status changes gets updated_at, reviewed_at when it becomes approved, rejected or needs_work
-- and the same update left reviewed_at as it was, and implemented_at when it becomes implemented
-- without one. The design's TIMESTAMP columns hold UTC. Existing rows are not changed.
CREATE OR REPLACE FUNCTION kaizen4j_date_review() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        NEW.updated_at := now();
        IF lower(btrim(NEW.status)) IN ('approved', 'rejected', 'needs_work', 'needs-work', 'needs work')
                AND NEW.reviewed_at IS NOT DISTINCT FROM OLD.reviewed_at THEN
            NEW.reviewed_at := now() AT TIME ZONE 'UTC';
        END IF;
        IF lower(btrim(NEW.status)) = 'implemented' AND NEW.implemented_at IS NULL THEN
            NEW.implemented_at := now() AT TIME ZONE 'UTC';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS kaizen4j_date_review ON team_improvement_requests;
CREATE TRIGGER kaizen4j_date_review
    BEFORE UPDATE OF status ON team_improvement_requests
    FOR EACH ROW EXECUTE FUNCTION kaizen4j_date_review();
