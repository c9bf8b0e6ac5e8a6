namespace AutomationFleet.Storage.Sqlite;

/// <summary>
/// The database schema. Times are INTEGER unix milliseconds UTC from the store's clock; states and
/// statuses are the Core enums' integer values. Every statement is idempotent so any number of
/// processes may run it at start.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>
    /// The schema this build writes and reads. 1: queue, review, ledger, workers. 2: portal accounts
    /// (<c>users</c>, <c>user_queues</c>) and the append-only <c>security_audit</c>; a version-1 file is
    /// migrated at start by <see cref="Create"/> (every table is created if missing) and a new version row.
    /// Later versions are the <see cref="Migrations"/>, each its own step, applied in order to a file that is older.
    /// </summary>
    public static int CurrentVersion => Migrations.Count == 0 ? BaseVersion : Migrations[^1].Version;

    /// <summary>The version <see cref="Create"/> alone gives.</summary>
    public const int BaseVersion = 2;

    /// <summary>
    /// The steps after <see cref="BaseVersion"/>, in version order. Each script runs once, on a file older than its
    /// version (a new file runs them all after <see cref="Create"/>), in the start-up transaction with a version row of
    /// its own. A branch adding a step appends one here; two
    /// branches that both did are merged by renumbering.
    /// </summary>
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(3, "threshold overrides set from the admin console", CreateThresholdOverrides),
        new(4, "the service of review tasks, reviewers' service grants, the queue page's counts index", AddReviewService),
        new(5, "incidents, the reports linked to them and their append-only audit trail", CreateIncidents),
        new(6, "portal sign-in: session stamps, directory identities, TOTP secrets and recovery codes of accounts", AddAccountSessions),
        new(7, "bots paused fleet-wide from the admin console or the CLI", CreateBotPauses),
        new(8, "retention: when an item was redacted, and the index the purge finds finished items by", AddRetention),
        new(9, "audit trail retention: audit rows older than the purge's bound may be deleted, by the purge only", AddAuditTrailRetention),
        new(10, "public status page: look-up attempts, for rate-limiting wrong checks and counting look-ups per item", CreateStatusChecks),
        new(11, "proactive updates: opt-outs and the updates reserved per address and day (the daily cap)", CreateUpdates),
        new(12, "running late: the expected dates an item was revised to, with an apology", CreateExpectedDateRevisions),
        new(13, "incidents: the sentence encoder's vector of the text, kept when the incident is opened", AddIncidentTextVectors),
    ];

    /// <summary>
    /// Version 12 (issue 14): <c>expected_date_revisions</c>, one row per (item root reference, date) the citizen was told
    /// to expect instead because the item was running late. The latest is what the status page shows and the timescale
    /// sweep counts from; the key makes a second apology for the same date impossible.
    /// </summary>
    public const string CreateExpectedDateRevisions = """
        CREATE TABLE IF NOT EXISTS expected_date_revisions (
            item_reference TEXT    NOT NULL,
            expected_by    TEXT    NOT NULL,
            revised_at     INTEGER NOT NULL,
            PRIMARY KEY (item_reference, expected_by)
        );
        """;

    /// <summary>
    /// Version 13 (issue 11): an incident's text vector (the encoder's model name and its floats, 4 bytes each,
    /// little-endian), so de-duplication encodes a report's text only, never its candidates'. Null for incidents opened
    /// before, which are encoded as before.
    /// </summary>
    public const string AddIncidentTextVectors = """
        ALTER TABLE incidents ADD COLUMN text_vector_model TEXT NULL;
        ALTER TABLE incidents ADD COLUMN text_vector BLOB NULL;
        """;

    /// <summary>
    /// Version 10 (issue 14): the public status page's look-up attempts. A row per attempt, counted as failed
    /// (<c>passed</c> 0) until it finds its item (<c>passed</c> 1, <c>item_id</c> set). Failed rows rate-limit by reference
    /// and by client address within a window and are deleted once older than it; passed rows are the look-ups per item.
    /// Never the check value typed.
    /// </summary>
    public const string CreateStatusChecks = """
        CREATE TABLE IF NOT EXISTS status_checks (
            id         INTEGER PRIMARY KEY,
            reference  TEXT    NOT NULL,
            client     TEXT    NOT NULL,
            at         INTEGER NOT NULL,
            passed     INTEGER NOT NULL DEFAULT 0,
            item_id    INTEGER NULL
        );

        CREATE INDEX IF NOT EXISTS ix_status_checks_reference ON status_checks (reference, at) WHERE passed = 0;
        CREATE INDEX IF NOT EXISTS ix_status_checks_client ON status_checks (client, at) WHERE passed = 0;
        CREATE INDEX IF NOT EXISTS ix_status_checks_failed_at ON status_checks (at) WHERE passed = 0;
        CREATE INDEX IF NOT EXISTS ix_status_checks_item ON status_checks (item_id) WHERE passed = 1;
        """;

    /// <summary>
    /// Version 11 (issue 14): <c>update_sends</c>, one row per update reserved for sending (the daily cap counts an
    /// address's rows on a day; <c>sent_at</c> once sent), and <c>update_opt_outs</c> (kind <c>address</c>: an address's
    /// SHA-256, or <c>item</c>: a root reference), kept for good. No address is stored, only its hash.
    /// </summary>
    public const string CreateUpdates = """
        CREATE TABLE IF NOT EXISTS update_sends (
            update_reference TEXT    NOT NULL PRIMARY KEY,
            item_reference   TEXT    NOT NULL,
            queue            TEXT    NOT NULL,
            touch_point      TEXT    NOT NULL,
            recipient_hash   TEXT    NOT NULL,
            day              TEXT    NOT NULL,
            reserved_at      INTEGER NOT NULL,
            sent_at          INTEGER NULL
        );

        CREATE INDEX IF NOT EXISTS ix_update_sends_recipient_day ON update_sends (recipient_hash, day);
        CREATE INDEX IF NOT EXISTS ix_update_sends_reserved_at ON update_sends (reserved_at);

        CREATE TABLE IF NOT EXISTS update_opt_outs (
            kind          TEXT    NOT NULL CHECK (kind IN ('address', 'item')),
            value         TEXT    NOT NULL,
            opted_out_at  INTEGER NOT NULL,
            PRIMARY KEY (kind, value)
        );
        """;

    /// <summary>
    /// Version 6: an account's session stamp (a session cookie carries it and is refused once it changes: sign-out and an
    /// administrator's "end sessions" rotate it) and the directory identity (issuer, subject) an account is bound to at
    /// its first directory sign-in. Existing accounts get an empty stamp (cookies issued before carry none and must
    /// sign in again) and no binding (bound at their next directory sign-in). Two-factor sign-in: the TOTP secret, the
    /// last time step used (a code is accepted once) and the one-time recovery codes, hashed.
    /// </summary>
    public const string AddAccountSessions = """
        ALTER TABLE users ADD COLUMN session_stamp TEXT NOT NULL DEFAULT '';
        ALTER TABLE users ADD COLUMN external_issuer TEXT NULL;
        ALTER TABLE users ADD COLUMN external_subject TEXT NULL;
        ALTER TABLE users ADD COLUMN totp_secret TEXT NULL;
        ALTER TABLE users ADD COLUMN totp_last_step INTEGER NULL;

        CREATE TABLE IF NOT EXISTS user_recovery_codes (
            name       TEXT    NOT NULL COLLATE NOCASE REFERENCES users (name),
            code_hash  TEXT    NOT NULL,
            used_at    INTEGER NULL,
            PRIMARY KEY (name, code_hash)
        );
        """;

    /// <summary>
    /// Version 7: bots an administrator paused (<see cref="Core.Bots.IBotPauseStore"/>); a row while paused, deleted on
    /// resume. Pausing and resuming are audited in <c>security_audit</c>.
    /// </summary>
    public const string CreateBotPauses = """
        CREATE TABLE IF NOT EXISTS bot_pauses (
            bot        TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
            paused_by  TEXT    NOT NULL,
            paused_at  INTEGER NOT NULL,
            reason     TEXT    NOT NULL
        );
        """;

    /// <summary>
    /// Version 9 (issue 13): the audit trails are kept for <c>Retention:AuditTrailKeptFor</c>, then deleted by the purge.
    /// Each audit table's delete trigger still refuses every delete, except of a row older than the bound in
    /// <c>audit_purge_bound</c>, which only the purge writes, and only inside its own transaction (it is empty outside
    /// it). The trigger names stay the same, so the base schema's <c>CREATE TRIGGER IF NOT EXISTS</c> keeps these. Safe
    /// to run again (a file set back to an older version re-runs it).
    /// </summary>
    public const string AddAuditTrailRetention = """
        CREATE TABLE IF NOT EXISTS audit_purge_bound (before INTEGER NOT NULL);

        DROP TRIGGER IF EXISTS audit_log_no_delete;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            WHEN OLD.at >= COALESCE((SELECT MIN(before) FROM audit_purge_bound), OLD.at)
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
        END;
        CREATE INDEX IF NOT EXISTS ix_audit_log_at ON audit_log (at);

        DROP TRIGGER IF EXISTS security_audit_no_delete;
        CREATE TRIGGER security_audit_no_delete BEFORE DELETE ON security_audit
            WHEN OLD.at >= COALESCE((SELECT MIN(before) FROM audit_purge_bound), OLD.at)
        BEGIN
            SELECT RAISE(ABORT, 'security_audit is append-only: rows cannot be deleted');
        END;
        CREATE INDEX IF NOT EXISTS ix_security_audit_at ON security_audit (at);

        DROP TRIGGER IF EXISTS incident_audit_no_delete;
        CREATE TRIGGER incident_audit_no_delete BEFORE DELETE ON incident_audit
            WHEN OLD.at >= COALESCE((SELECT MIN(before) FROM audit_purge_bound), OLD.at)
        BEGIN
            SELECT RAISE(ABORT, 'incident_audit is append-only: rows cannot be deleted');
        END;
        CREATE INDEX IF NOT EXISTS ix_incident_audit_at ON incident_audit (at);
        """;

    /// <summary>
    /// Version 8 (issue 13): <c>work_items.redacted_at</c>, set when the retention purge removed an item's payload and
    /// documents, and the index that finds a queue's finished items not yet redacted, oldest first.
    /// </summary>
    public const string AddRetention = """
        ALTER TABLE work_items ADD COLUMN redacted_at INTEGER NULL;

        CREATE INDEX IF NOT EXISTS ix_work_items_retention
            ON work_items (queue, updated_at, id)
            WHERE state IN (2, 4, 7) AND redacted_at IS NULL;
        """;

    /// <summary>
    /// Version 3: confidence thresholds an administrator set (portal or CLI), replacing the configured value for a bot
    /// (category '' = the bot's own threshold) until cleared. Changes are audited in <c>security_audit</c>.
    /// </summary>
    public const string CreateThresholdOverrides = """
        CREATE TABLE IF NOT EXISTS threshold_overrides (
            bot        TEXT    NOT NULL COLLATE NOCASE,
            category   TEXT    NOT NULL COLLATE NOCASE,
            threshold  REAL    NOT NULL CHECK (threshold >= 0 AND threshold <= 1),
            set_by     TEXT    NOT NULL,
            set_at     INTEGER NOT NULL,
            reason     TEXT    NOT NULL,
            PRIMARY KEY (bot, category)
        );
        """;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER NOT NULL PRIMARY KEY,
            applied_at  INTEGER NOT NULL
        );

        CREATE TABLE IF NOT EXISTS work_items (
            id                  INTEGER PRIMARY KEY,
            queue               TEXT    NOT NULL,
            reference           TEXT    NOT NULL UNIQUE,
            payload_json        TEXT    NOT NULL,
            attachments_json    TEXT    NOT NULL,
            priority            INTEGER NOT NULL,
            due_at              INTEGER NULL,
            state               INTEGER NOT NULL,
            attempts            INTEGER NOT NULL,
            lease_owner         TEXT    NULL,
            lease_expires_at    INTEGER NULL,
            next_attempt_at     INTEGER NULL,
            outcome_json        TEXT    NULL,
            confidence          REAL    NULL,
            outcome_decided_by  TEXT    NULL,
            last_error          TEXT    NULL,
            created_at          INTEGER NOT NULL,
            updated_at          INTEGER NOT NULL
        );

        -- Serves the lease query: the candidates of one queue walked in lease order. Only the three
        -- leasable states are indexed, so finished items cost nothing here. The lease query's WHERE
        -- and ORDER BY must repeat these terms exactly for SQLite to use it.
        CREATE INDEX IF NOT EXISTS ix_work_items_lease
            ON work_items (queue, priority DESC, (due_at IS NULL), due_at, id)
            WHERE state IN (0, 1, 5);

        CREATE INDEX IF NOT EXISTS ix_work_items_state ON work_items (state, queue, created_at);

        -- Serves the dashboard's "completed in the last N hours" figures: a range on updated_at within one state
        -- (a finished item is never updated again, so updated_at is when it finished).
        CREATE INDEX IF NOT EXISTS ix_work_items_finished ON work_items (state, updated_at);

        CREATE TABLE IF NOT EXISTS audit_log (
            id          INTEGER PRIMARY KEY,
            item_id     INTEGER NOT NULL REFERENCES work_items (id),
            reference   TEXT    NOT NULL,
            at          INTEGER NOT NULL,
            actor       TEXT    NOT NULL,
            from_state  INTEGER NULL,
            to_state    INTEGER NOT NULL,
            reason      TEXT    NOT NULL
        );

        CREATE INDEX IF NOT EXISTS ix_audit_log_item ON audit_log (item_id, id);

        CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated');
        END;

        CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
        END;

        CREATE TABLE IF NOT EXISTS review_tasks (
            item_id           INTEGER PRIMARY KEY REFERENCES work_items (id),
            bot               TEXT    NOT NULL,
            category          TEXT    NULL,
            proposal_json     TEXT    NULL,
            confidence        REAL    NOT NULL,
            evidence_json     TEXT    NOT NULL,
            reasons_json      TEXT    NOT NULL,
            urgent            INTEGER NOT NULL,
            escalated         INTEGER NOT NULL,
            claimed_by        TEXT    NULL,
            claim_expires_at  INTEGER NULL,
            created_at        INTEGER NOT NULL,
            closed_at         INTEGER NULL
        );

        CREATE INDEX IF NOT EXISTS ix_review_tasks_open
            ON review_tasks (urgent DESC, escalated DESC, created_at)
            WHERE closed_at IS NULL;

        CREATE TABLE IF NOT EXISTS labelled_examples (
            id                      INTEGER PRIMARY KEY,
            bot                     TEXT    NOT NULL,
            item_id                 INTEGER NOT NULL REFERENCES work_items (id),
            reference               TEXT    NOT NULL,
            payload_json            TEXT    NOT NULL,
            proposed_category       TEXT    NULL,
            proposed_outcome_json   TEXT    NULL,
            corrected_category      TEXT    NULL,
            corrected_outcome_json  TEXT    NOT NULL,
            reviewer                TEXT    NOT NULL,
            at                      INTEGER NOT NULL
        );

        CREATE INDEX IF NOT EXISTS ix_labelled_examples_bot ON labelled_examples (bot, id);

        -- Serves "was this review task corrected?" in the threshold curve.
        CREATE INDEX IF NOT EXISTS ix_labelled_examples_item ON labelled_examples (item_id);

        -- Serves the threshold curve: the decided tasks of one bot and category.
        CREATE INDEX IF NOT EXISTS ix_review_tasks_bot ON review_tasks (bot, category, closed_at);

        CREATE TABLE IF NOT EXISTS side_effects (
            key           TEXT    PRIMARY KEY,
            item_id       INTEGER NOT NULL REFERENCES work_items (id),
            step          TEXT    NOT NULL,
            idempotent    INTEGER NOT NULL,
            status        INTEGER NOT NULL,
            started_at    INTEGER NOT NULL,
            completed_at  INTEGER NULL,
            result_json   TEXT    NULL
        );

        CREATE INDEX IF NOT EXISTS ix_side_effects_item ON side_effects (item_id);

        CREATE TABLE IF NOT EXISTS workers (
            worker_id     TEXT    PRIMARY KEY,
            host          TEXT    NOT NULL,
            pid           INTEGER NOT NULL,
            queues_json   TEXT    NOT NULL,
            in_flight     INTEGER NOT NULL,
            started_at    INTEGER NOT NULL,
            last_seen_at  INTEGER NOT NULL,
            stopped_at    INTEGER NULL
        );

        CREATE TABLE IF NOT EXISTS users (
            name             TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
            password_hash    TEXT    NOT NULL,
            role             INTEGER NOT NULL,
            disabled         INTEGER NOT NULL,
            failed_sign_ins  INTEGER NOT NULL,
            locked_until     INTEGER NULL,
            created_at       INTEGER NOT NULL
        );

        CREATE TABLE IF NOT EXISTS user_queues (
            name        TEXT    NOT NULL COLLATE NOCASE REFERENCES users (name),
            queue       TEXT    NOT NULL,
            granted_at  INTEGER NOT NULL,
            PRIMARY KEY (name, queue)
        );

        CREATE TABLE IF NOT EXISTS security_audit (
            id      INTEGER PRIMARY KEY,
            at      INTEGER NOT NULL,
            actor   TEXT    NOT NULL,
            action  TEXT    NOT NULL,
            target  TEXT    NOT NULL,
            detail  TEXT    NOT NULL
        );

        CREATE INDEX IF NOT EXISTS ix_security_audit_target ON security_audit (target, id);

        CREATE TRIGGER IF NOT EXISTS security_audit_no_update BEFORE UPDATE ON security_audit
        BEGIN
            SELECT RAISE(ABORT, 'security_audit is append-only: rows cannot be updated');
        END;

        CREATE TRIGGER IF NOT EXISTS security_audit_no_delete BEFORE DELETE ON security_audit
        BEGIN
            SELECT RAISE(ABORT, 'security_audit is append-only: rows cannot be deleted');
        END;
        """;

    /// <summary>
    /// Version 4: the service of a review task (<c>review_tasks.service</c>; tasks opened before have none, so only queue
    /// grants reach them), its item's queue copied beside it (<c>review_tasks.queue</c>, which never changes, so the
    /// queue page's counts need no join), reviewers' service grants (<c>user_services</c>), and the index that serves
    /// the counts: it covers the GROUP BY and the grant terms over open tasks, so neither the wide task rows (evidence,
    /// proposal) nor the items are read.
    /// </summary>
    public const string AddReviewService = """
        ALTER TABLE review_tasks ADD COLUMN service TEXT NULL;
        ALTER TABLE review_tasks ADD COLUMN queue TEXT NULL;
        UPDATE review_tasks SET queue = (SELECT w.queue FROM work_items w WHERE w.id = review_tasks.item_id);

        CREATE TABLE IF NOT EXISTS user_services (
            name        TEXT    NOT NULL COLLATE NOCASE REFERENCES users (name),
            service     TEXT    NOT NULL,
            granted_at  INTEGER NOT NULL,
            PRIMARY KEY (name, service)
        );

        CREATE INDEX IF NOT EXISTS ix_review_tasks_counts
            ON review_tasks (bot, category, service, queue, urgent, escalated)
            WHERE closed_at IS NULL;
        """;

    /// <summary>
    /// Version 5: incidents (<see cref="Core.Incidents.IIncidentStore"/>). States are the
    /// <see cref="Core.Incidents.IncidentState"/> names as text; "active" is <c>state IN ('Open', 'Allocated')</c>, written
    /// exactly so in every partial index and every query meant to use one (SQLite matches the terms literally).
    /// <c>incident_reports</c> maps every report, the first included, to its incident; <c>incident_audit</c> is
    /// append-only. Each index serves one query of the incident-report bot's hot path, over active rows only.
    /// </summary>
    public const string CreateIncidents = """
        CREATE TABLE IF NOT EXISTS incidents (
            reference     TEXT    NOT NULL PRIMARY KEY,
            first_report  TEXT    NOT NULL,
            kind          TEXT    NOT NULL,
            kind_group    TEXT    NOT NULL,
            severity      TEXT    NOT NULL,
            state         TEXT    NOT NULL CHECK (state IN ('Open', 'Allocated', 'Resolved', 'Closed')),
            team          TEXT    NOT NULL,
            assignee      TEXT    NULL,
            area          TEXT    NULL,
            place_id      TEXT    NULL,
            latitude      REAL    NULL,
            longitude     REAL    NULL,
            person_id     TEXT    NULL,
            occurred_at   INTEGER NOT NULL,
            opened_at     INTEGER NOT NULL,
            deadline      INTEGER NOT NULL,
            escalated_at  INTEGER NULL,
            report_count  INTEGER NOT NULL,
            summary       TEXT    NOT NULL,
            text          TEXT    NOT NULL
        );

        -- Nearby by coordinates: latitude is the range column because a box of a few hundred metres holds a thin
        -- slice of a town's incidents; longitude and occurred_at are checked in the index, so only matches are read.
        CREATE INDEX IF NOT EXISTS ix_incidents_nearby_box
            ON incidents (kind_group, latitude, longitude, occurred_at)
            WHERE state IN ('Open', 'Allocated');

        CREATE INDEX IF NOT EXISTS ix_incidents_nearby_place
            ON incidents (kind_group, place_id, occurred_at)
            WHERE state IN ('Open', 'Allocated');

        CREATE INDEX IF NOT EXISTS ix_incidents_nearby_person
            ON incidents (kind_group, person_id, occurred_at)
            WHERE state IN ('Open', 'Allocated');

        -- A team's open counts per person, read from the index alone (state is in the key so the query's state term
        -- needs no row) and already grouped by assignee.
        CREATE INDEX IF NOT EXISTS ix_incidents_team_assignee
            ON incidents (team, assignee, state)
            WHERE state IN ('Open', 'Allocated');

        CREATE INDEX IF NOT EXISTS ix_incidents_team_deadline
            ON incidents (team, deadline, reference)
            WHERE state IN ('Open', 'Allocated');

        -- Lists and escalation read in (deadline, reference) order; the reference in the key spares them a sort.
        CREATE INDEX IF NOT EXISTS ix_incidents_deadline
            ON incidents (deadline, reference)
            WHERE state IN ('Open', 'Allocated');

        -- Escalation: an incident leaves this index once escalated or no longer active, so it stays small.
        CREATE INDEX IF NOT EXISTS ix_incidents_escalation
            ON incidents (deadline, reference)
            WHERE escalated_at IS NULL AND state IN ('Open', 'Allocated');

        CREATE TABLE IF NOT EXISTS incident_reports (
            report_reference    TEXT    NOT NULL PRIMARY KEY,
            incident_reference  TEXT    NOT NULL REFERENCES incidents (reference),
            linked_at           INTEGER NOT NULL
        );

        CREATE INDEX IF NOT EXISTS ix_incident_reports_incident ON incident_reports (incident_reference);

        CREATE TABLE IF NOT EXISTS incident_audit (
            id          INTEGER PRIMARY KEY,
            reference   TEXT    NOT NULL REFERENCES incidents (reference),
            at          INTEGER NOT NULL,
            actor       TEXT    NOT NULL,
            action      TEXT    NOT NULL,
            from_state  TEXT    NULL,
            to_state    TEXT    NULL,
            detail      TEXT    NOT NULL
        );

        CREATE INDEX IF NOT EXISTS ix_incident_audit_reference ON incident_audit (reference, id);

        CREATE TRIGGER IF NOT EXISTS incident_audit_no_update BEFORE UPDATE ON incident_audit
        BEGIN
            SELECT RAISE(ABORT, 'incident_audit is append-only: rows cannot be updated');
        END;

        CREATE TRIGGER IF NOT EXISTS incident_audit_no_delete BEFORE DELETE ON incident_audit
        BEGIN
            SELECT RAISE(ABORT, 'incident_audit is append-only: rows cannot be deleted');
        END;
        """;

    public const string SelectVersion = "SELECT MAX(version) FROM schema_version;";

    public const string InsertVersion = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $now);";
}
