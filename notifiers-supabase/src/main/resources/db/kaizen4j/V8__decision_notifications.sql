-- Tells listening runtimes at once that a request was decided: NOTIFY kaizen4j_decisions with the
-- request id when a row's status changes to approved, rejected or needs_work. Runtimes that cannot
-- listen (through Supabase's transaction pooler) read decisions by polling instead.
CREATE OR REPLACE FUNCTION kaizen4j_notify_decision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.request_id IS NOT NULL AND NEW.status IS DISTINCT FROM OLD.status
            AND lower(btrim(NEW.status)) IN ('approved', 'rejected', 'needs_work', 'needs-work', 'needs work') THEN
        PERFORM pg_notify('kaizen4j_decisions', NEW.request_id);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS kaizen4j_notify_decision ON team_improvement_requests;
CREATE TRIGGER kaizen4j_notify_decision
    AFTER UPDATE OF status ON team_improvement_requests
    FOR EACH ROW EXECUTE FUNCTION kaizen4j_notify_decision();
