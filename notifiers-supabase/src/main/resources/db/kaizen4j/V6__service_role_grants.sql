-- On Supabase the service-role key acts as the role service_role, which bypasses row-level
-- security but still needs privileges on tables it did not create. Elsewhere the role is absent
-- and nothing is granted.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'service_role') THEN
        GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO service_role;
        GRANT SELECT, INSERT, UPDATE, DELETE ON team_improvement_requests, team_effectiveness_metrics,
            team_improvement_transitions, kaizen4j_ledger_requests, kaizen4j_ledger_entries,
            kaizen4j_team_leases, team_conversations TO service_role;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${flyway:defaultSchema}" TO service_role;
    END IF;
END
$$;
