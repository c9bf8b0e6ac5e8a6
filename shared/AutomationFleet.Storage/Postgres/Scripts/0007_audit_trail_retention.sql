-- Issue 13: the audit trails are kept for Retention:AuditTrailKeptFor (six years shipped), then deleted by the retention
-- purge. The worker's role (fleet_app) may still only INSERT and SELECT audit rows; it deletes old ones by calling
-- purge_audit_trail, which runs as this script's role (the schema's owner, SECURITY DEFINER), refuses a bound less than
-- 365 days before the database's own clock (RetentionRules.MinimumAuditTrailAge), and deletes only rows older than it.
-- The append-only trigger lets a DELETE through only for a row older than the bound the function sets for its own
-- transaction; every UPDATE and every other DELETE is still refused, whoever runs it.
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < coalesce(nullif(current_setting('fleet.audit_purge_before', true), '')::bigint, OLD.at) THEN
        RETURN OLD;
    END IF;

    RAISE EXCEPTION '% is append-only: rows cannot be %', TG_TABLE_NAME,
        CASE TG_OP WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END;
END;
$body$;

CREATE FUNCTION purge_audit_trail(before bigint)
    RETURNS TABLE (item_rows bigint, security_rows bigint, incident_rows bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $body$
DECLARE
    newest_allowed bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint - 365::bigint * 24 * 60 * 60 * 1000;
BEGIN
    IF before IS NULL OR before > newest_allowed THEN
        RAISE EXCEPTION 'audit rows younger than 365 days are never deleted (asked for rows before %)', before
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    PERFORM set_config('fleet.audit_purge_before', before::text, true);
    DELETE FROM audit_log WHERE at < before;
    GET DIAGNOSTICS item_rows = ROW_COUNT;
    DELETE FROM security_audit WHERE at < before;
    GET DIAGNOSTICS security_rows = ROW_COUNT;
    DELETE FROM incident_audit WHERE at < before;
    GET DIAGNOSTICS incident_rows = ROW_COUNT;
    PERFORM set_config('fleet.audit_purge_before', '', true);
    RETURN NEXT;
END;
$body$;

REVOKE ALL ON FUNCTION purge_audit_trail(bigint) FROM PUBLIC;

CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_security_audit_at ON security_audit (at);
CREATE INDEX ix_incident_audit_at ON incident_audit (at);
