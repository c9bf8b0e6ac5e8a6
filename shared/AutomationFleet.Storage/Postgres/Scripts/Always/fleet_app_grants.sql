-- Least privilege, run at every start after the versioned scripts (not journalled): the group role fleet_app gets the
-- rows the store reads and writes and nothing else (no DDL; the append-only tables INSERT and SELECT only). A login
-- role granted fleet_app is then enough for Store:ConnectionString; the schema's owner upgrades it
-- (Store:MigrationConnectionString). Skipped, changing nothing, when the account running it does not own the schema
-- (a restricted store starting on an up-to-date database) or may not create the role.
DO $body$
BEGIN
    IF NOT pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'work_items'), 'USAGE') THEN
        RETURN;
    END IF;

    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fleet_app') THEN
        BEGIN
            CREATE ROLE fleet_app NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'role fleet_app does not exist and % may not create it: no grants made', current_user;
            RETURN;
        END;
    END IF;

    GRANT SELECT, INSERT, UPDATE ON work_items, review_tasks, incidents, users, workers TO fleet_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON side_effects, threshold_overrides TO fleet_app;
    GRANT SELECT, INSERT ON audit_log, security_audit, incident_audit, labelled_examples, incident_reports, user_queues, user_services TO fleet_app;
    GRANT SELECT ON schema_versions TO fleet_app;
END
$body$;
