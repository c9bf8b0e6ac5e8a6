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
    -- Re-enrolling in two-factor sign-in replaces an account's recovery codes (0004).
    GRANT SELECT, INSERT, UPDATE, DELETE ON user_recovery_codes TO fleet_app;
    GRANT SELECT, INSERT ON audit_log, security_audit, incident_audit, labelled_examples, incident_reports, user_queues, user_services TO fleet_app;
    GRANT SELECT ON schema_versions TO fleet_app;
    -- Audit rows past Retention:AuditTrailKeptFor are deleted only through this function (0007), never directly.
    GRANT EXECUTE ON FUNCTION purge_audit_trail(bigint) TO fleet_app;
    -- Paused bots (0005): a row while paused, deleted on resume.
    GRANT SELECT, INSERT, DELETE ON bot_pauses TO fleet_app;
    -- The status page's look-up attempts (0008): failed ones older than the window are deleted, a passed one updated.
    GRANT SELECT, INSERT, UPDATE, DELETE ON status_checks TO fleet_app;
    -- Proactive updates (0009): reservations are marked sent; opt-outs are kept for good.
    GRANT SELECT, INSERT, UPDATE ON update_sends TO fleet_app;
    GRANT SELECT, INSERT ON update_opt_outs TO fleet_app;
    -- Running late (0010): revised expected dates are added, never changed.
    GRANT SELECT, INSERT ON expected_date_revisions TO fleet_app;
    -- The scheduler's (Quartz.NET) rows: it inserts, updates and deletes its own triggers, fired triggers, locks and
    -- check-ins, but never changes their tables (0003 creates them).
    GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_job_details, qrtz_triggers, qrtz_simple_triggers, qrtz_cron_triggers,
        qrtz_simprop_triggers, qrtz_blob_triggers, qrtz_calendars, qrtz_paused_trigger_grps, qrtz_paused_job_grps,
        qrtz_fired_triggers, qrtz_scheduler_state, qrtz_locks, qrtz_execution_history, qrtz_misfire_history, qrtz_job_status
        TO fleet_app;
END
$body$;
