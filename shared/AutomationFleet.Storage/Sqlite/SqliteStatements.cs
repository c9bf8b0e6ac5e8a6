namespace AutomationFleet.Storage.Sqlite;

/// <summary>
/// Every SQL statement the store runs, one constant per operation, so a PostgreSQL store can
/// mirror them one by one. Parameters are named <c>$name</c>; times are unix milliseconds.
/// States: New 0, InProgress 1, Completed 2, NeedsReview 3, BusinessException 4, Retrying 5,
/// DeadLettered 6, Cancelled 7.
/// </summary>
internal static class SqliteStatements
{
    /// <summary>The columns <see cref="SqliteFleetStore"/> reads a work item from, in ordinal order.</summary>
    public const string ItemColumns =
        "id, queue, reference, payload_json, attachments_json, priority, due_at, state, attempts, lease_owner, "
        + "lease_expires_at, next_attempt_at, outcome_json, confidence, outcome_decided_by, last_error, created_at, updated_at";

    // --- work queue: enqueue ---
    public const string InsertItem = """
        INSERT INTO work_items (queue, reference, payload_json, attachments_json, priority, due_at, state, attempts, created_at, updated_at)
        VALUES ($queue, $reference, $payload, $attachments, $priority, $due, 0, 0, $now, $now)
        ON CONFLICT (reference) DO NOTHING
        RETURNING id;
        """;

    public const string SelectItemByReference = "SELECT " + ItemColumns + " FROM work_items WHERE reference = $reference;";

    public const string SelectItemById = "SELECT " + ItemColumns + " FROM work_items WHERE id = $id;";

    // --- work queue: lease. WHERE and ORDER BY repeat ix_work_items_lease's terms so the index serves both. ---
    public const string SelectLeasable = "SELECT " + ItemColumns + """
         FROM work_items
        WHERE queue = $queue
          AND state IN (0, 1, 5)
          AND (state = 0 OR (state = 5 AND next_attempt_at <= $now) OR (state = 1 AND lease_expires_at <= $now))
        ORDER BY priority DESC, (due_at IS NULL), due_at, id
        LIMIT $limit;
        """;

    public const string UpdateLeased = """
        UPDATE work_items
           SET state = 1, attempts = $attempts, lease_owner = $owner, lease_expires_at = $expires,
               next_attempt_at = NULL, updated_at = $now
         WHERE id = $id;
        """;

    public const string RenewLease = """
        UPDATE work_items SET lease_expires_at = $expires, updated_at = $now
         WHERE id = $id AND state = 1 AND lease_owner = $owner;
        """;

    // --- work queue: operations under a lease ---
    public const string SelectLeaseHolder = "SELECT reference, state, lease_owner, attempts FROM work_items WHERE id = $id;";

    public const string RecordOutcome = """
        UPDATE work_items SET outcome_json = $outcome, confidence = $confidence, outcome_decided_by = $decidedBy, updated_at = $now
         WHERE id = $id;
        """;

    public const string Complete = """
        UPDATE work_items SET state = 2, lease_owner = NULL, lease_expires_at = NULL, updated_at = $now
         WHERE id = $id;
        """;

    public const string MoveToReview = """
        UPDATE work_items SET state = 3, lease_owner = NULL, lease_expires_at = NULL, updated_at = $now
         WHERE id = $id;
        """;

    public const string FailBusiness = """
        UPDATE work_items SET state = 4, last_error = $error, lease_owner = NULL, lease_expires_at = NULL, updated_at = $now
         WHERE id = $id;
        """;

    public const string FailSystem = """
        UPDATE work_items
           SET state = $state, last_error = $error, next_attempt_at = $next, lease_owner = NULL, lease_expires_at = NULL, updated_at = $now
         WHERE id = $id;
        """;

    public const string Release = """
        UPDATE work_items
           SET state = 0, attempts = $attempts, lease_owner = NULL, lease_expires_at = NULL, updated_at = $now
         WHERE id = $id;
        """;

    // --- work queue: administration ---
    public const string Replay = """
        UPDATE work_items
           SET state = 0, attempts = $attempts, next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = $now
         WHERE id = $id
        RETURNING
        """ + " " + ItemColumns + ";";

    public const string Cancel = """
        UPDATE work_items
           SET state = 7, next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = $now
         WHERE id = $id
        RETURNING
        """ + " " + ItemColumns + ";";

    public const string ListItems = "SELECT " + ItemColumns + """
         FROM work_items
        WHERE state = $state AND ($queue IS NULL OR queue = $queue)
        ORDER BY created_at, id
        LIMIT $limit;
        """;

    public const string Depth = """
        SELECT queue, state, COUNT(*), MIN(created_at) FROM work_items GROUP BY queue, state ORDER BY queue, state;
        """;

    // --- audit ---
    public const string InsertAudit = """
        INSERT INTO audit_log (item_id, reference, at, actor, from_state, to_state, reason)
        VALUES ($item, $reference, $at, $actor, $from, $to, $reason);
        """;

    public const string SelectAudit = """
        SELECT id, item_id, reference, at, actor, from_state, to_state, reason FROM audit_log WHERE item_id = $item ORDER BY id;
        """;

    // --- review queue ---
    public const string ReviewColumns = """
        t.item_id, w.reference, w.queue, t.bot, t.category, t.proposal_json, t.confidence, t.evidence_json, t.reasons_json,
        t.urgent, t.escalated, t.claimed_by, t.claim_expires_at, w.due_at, t.created_at, t.service
        """;

    public const string ReviewFrom = " FROM review_tasks t JOIN work_items w ON w.id = t.item_id ";

    public const string ReviewOrder = " ORDER BY t.urgent DESC, t.escalated DESC, (w.due_at IS NULL), w.due_at, t.created_at, t.item_id ";

    public const string OpenReviewTask = """
        INSERT INTO review_tasks (item_id, bot, category, proposal_json, confidence, evidence_json, reasons_json, urgent, escalated,
                                  service, queue, claimed_by, claim_expires_at, created_at, closed_at)
        VALUES ($item, $bot, $category, $proposal, $confidence, $evidence, $reasons, $urgent, 0, $service,
                (SELECT queue FROM work_items WHERE id = $item), NULL, NULL, $now, NULL)
        ON CONFLICT (item_id) DO UPDATE SET
            bot = excluded.bot, category = excluded.category, proposal_json = excluded.proposal_json, service = excluded.service,
            queue = excluded.queue,
            confidence = excluded.confidence, evidence_json = excluded.evidence_json, reasons_json = excluded.reasons_json,
            urgent = excluded.urgent, escalated = 0, claimed_by = NULL, claim_expires_at = NULL,
            created_at = excluded.created_at, closed_at = NULL;
        """;

    public const string SelectReviewTask = "SELECT " + ReviewColumns + ReviewFrom + " WHERE t.item_id = $item;";

    public const string SelectOpenReviewTask = "SELECT " + ReviewColumns + ReviewFrom + " WHERE t.item_id = $item AND t.closed_at IS NULL;";

    public const string ClaimReviewTask = "UPDATE review_tasks SET claimed_by = $reviewer, claim_expires_at = $expires WHERE item_id = $item;";

    public const string SelectReviewDecisionInput = """
        SELECT t.claimed_by, t.claim_expires_at, t.closed_at, t.bot, t.category, t.proposal_json, w.reference, w.state, w.payload_json,
               t.escalated
          FROM review_tasks t JOIN work_items w ON w.id = t.item_id
         WHERE t.item_id = $item;
        """;

    public const string ApplyReviewOutcome = """
        UPDATE work_items
           SET state = 0, outcome_json = $outcome, confidence = 1.0, outcome_decided_by = $decidedBy, updated_at = $now
         WHERE id = $item;
        """;

    public const string RejectReviewedItem = "UPDATE work_items SET state = 4, last_error = $reason, updated_at = $now WHERE id = $item;";

    public const string TouchItem = "UPDATE work_items SET updated_at = $now WHERE id = $item;";

    public const string CloseReviewTask = "UPDATE review_tasks SET closed_at = $now WHERE item_id = $item AND closed_at IS NULL;";

    public const string ReleaseReviewClaim = "UPDATE review_tasks SET claimed_by = NULL, claim_expires_at = NULL WHERE item_id = $item;";

    /// <summary>
    /// Counts open tasks by bot, category and service; the caller appends the access terms (on <c>t.queue</c>, the
    /// task's copy of its item's queue, so no join) and the grouping. Served by <c>ix_review_tasks_counts</c> alone.
    /// </summary>
    public const string CountReviewTasks = """
        SELECT t.bot, t.category, t.service, COUNT(*), SUM(t.urgent), SUM(t.escalated)
          FROM review_tasks t
         WHERE t.closed_at IS NULL
        """;

    public const string CountReviewGroup = " GROUP BY t.bot, t.category, t.service ORDER BY COUNT(*) DESC, t.bot, t.category, t.service;";

    public const string EscalateReviewTask = """
        UPDATE review_tasks SET escalated = 1, claimed_by = NULL, claim_expires_at = NULL WHERE item_id = $item;
        """;

    public const string InsertLabelledExample = """
        INSERT INTO labelled_examples (bot, item_id, reference, payload_json, proposed_category, proposed_outcome_json,
                                       corrected_category, corrected_outcome_json, reviewer, at)
        VALUES ($bot, $item, $reference, $payload, $proposedCategory, $proposedOutcome, $correctedCategory, $correctedOutcome, $reviewer, $now);
        """;

    public const string SelectLabelledExamples = """
        SELECT id, bot, item_id, reference, payload_json, proposed_category, proposed_outcome_json, corrected_category,
               corrected_outcome_json, reviewer, at
          FROM labelled_examples WHERE bot = $bot ORDER BY id;
        """;

    // --- side-effect ledger (status: Started 0, Completed 1) ---
    public const string SideEffectColumns = "key, item_id, step, idempotent, status, started_at, completed_at, result_json";

    public const string SelectSideEffect = "SELECT " + SideEffectColumns + " FROM side_effects WHERE key = $key;";

    public const string BeginSideEffect = """
        INSERT INTO side_effects (key, item_id, step, idempotent, status, started_at, completed_at, result_json)
        VALUES ($key, $item, $step, $idempotent, 0, $now, NULL, NULL)
        ON CONFLICT (key) DO NOTHING;
        """;

    public const string CompleteSideEffect = """
        UPDATE side_effects SET status = 1, completed_at = $now, result_json = $result WHERE key = $key;
        """;

    public const string AbandonSideEffect = "DELETE FROM side_effects WHERE key = $key AND status = 0;";

    public const string ListSideEffects = "SELECT " + SideEffectColumns + " FROM side_effects WHERE item_id = $item ORDER BY started_at, key;";

    // --- worker registry ---
    public const string Heartbeat = """
        INSERT INTO workers (worker_id, host, pid, queues_json, in_flight, started_at, last_seen_at, stopped_at)
        VALUES ($worker, $host, $pid, $queues, $inFlight, $now, $now, NULL)
        ON CONFLICT (worker_id) DO UPDATE SET
            host = excluded.host, pid = excluded.pid, queues_json = excluded.queues_json, in_flight = excluded.in_flight,
            last_seen_at = excluded.last_seen_at, stopped_at = NULL;
        """;

    public const string MarkWorkerStopped = "UPDATE workers SET stopped_at = $now, in_flight = 0 WHERE worker_id = $worker;";

    public const string ListWorkers = """
        SELECT worker_id, host, pid, queues_json, in_flight, started_at, last_seen_at, stopped_at
          FROM workers ORDER BY last_seen_at DESC, worker_id;
        """;

    // --- metrics (read-only) ---
    public const string CompletedPerHour = """
        SELECT updated_at / 3600000 AS hour, COUNT(*) FROM work_items
        WHERE state = 2 AND updated_at >= $since
        GROUP BY hour ORDER BY hour;
        """;

    // Category of an automatic item: bots put it in their outcome as "category" (the review task has its own column).
    public const string StraightThrough = """
        SELECT COALESCE(rt.bot, w.outcome_decided_by, '(unknown)') AS bot,
               COALESCE(rt.category,
                        CASE WHEN json_valid(w.outcome_json) THEN CAST(json_extract(w.outcome_json, '$.category') AS TEXT) END) AS category,
               SUM(rt.item_id IS NULL), SUM(rt.item_id IS NOT NULL)
        FROM work_items w LEFT JOIN review_tasks rt ON rt.item_id = w.id
        WHERE w.state = 2 AND w.updated_at >= $since
        GROUP BY 1, 2 ORDER BY 1, 2;
        """;

    public const string ReviewBacklog = """
        SELECT COUNT(*),
               COALESCE(SUM(rt.urgent), 0),
               COALESCE(SUM(rt.escalated), 0),
               COALESCE(SUM(w.due_at < $now), 0),
               COALESCE(SUM(w.due_at >= $now AND w.due_at < $soon), 0),
               COALESCE(SUM(w.due_at >= $soon), 0),
               COALESCE(SUM(w.due_at IS NULL), 0),
               MIN(rt.created_at)
        FROM review_tasks rt JOIN work_items w ON w.id = rt.item_id
        WHERE rt.closed_at IS NULL;
        """;

    // A decided task is corrected when a labelled example exists for its item, approved when a reviewer's audit row
    // says so; rejected/escalated/cancelled tasks have neither and are left out.
    private const string DecidedTasks = """
        SELECT rt.bot, rt.category, rt.confidence,
               EXISTS (SELECT 1 FROM labelled_examples le WHERE le.item_id = rt.item_id AND le.at >= rt.created_at) AS corrected,
               EXISTS (SELECT 1 FROM audit_log a WHERE a.item_id = rt.item_id AND a.at >= rt.created_at
                       AND a.actor LIKE 'reviewer:%' AND a.reason LIKE 'approved%') AS approved
        FROM review_tasks rt
        WHERE rt.closed_at IS NOT NULL AND rt.proposal_json IS NOT NULL
        """;

    public const string ReviewedCategories = "SELECT bot, category, SUM(approved AND NOT corrected), SUM(corrected) FROM ("
        + DecidedTasks + ") WHERE approved OR corrected GROUP BY bot, category ORDER BY bot, category;";

    public const string ReviewedSamples = "SELECT confidence, corrected FROM ("
        + DecidedTasks + " AND rt.bot = $bot AND rt.category IS $category) WHERE approved OR corrected;";

    // --- portal accounts and the security audit ---
    public const string UserColumns =
        "name, password_hash, role, disabled, failed_sign_ins, locked_until, created_at, session_stamp, external_issuer, external_subject, totp_secret";

    public const string InsertUser = """
        INSERT INTO users (name, password_hash, role, disabled, failed_sign_ins, locked_until, created_at)
        VALUES ($name, $hash, $role, 0, 0, NULL, $now)
        ON CONFLICT (name) DO NOTHING;
        """;

    public const string SelectUser = "SELECT " + UserColumns + " FROM users WHERE name = $name;";

    public const string ListUsers = "SELECT " + UserColumns + " FROM users ORDER BY name;";

    public const string SelectUserQueues = "SELECT queue FROM user_queues WHERE name = $name ORDER BY queue;";

    public const string ListUserQueues = "SELECT name, queue FROM user_queues ORDER BY name, queue;";

    public const string SelectUserServices = "SELECT service FROM user_services WHERE name = $name ORDER BY service;";

    public const string ListUserServices = "SELECT name, service FROM user_services ORDER BY name, service;";

    public const string GrantUserService = """
        INSERT INTO user_services (name, service, granted_at) VALUES ((SELECT name FROM users WHERE name = $name), $service, $now)
        ON CONFLICT (name, service) DO NOTHING;
        """;

    public const string SetUserDisabled = "UPDATE users SET disabled = $disabled WHERE name = $name;";

    public const string SetUserPasswordHash = "UPDATE users SET password_hash = $hash WHERE name = $name;";

    public const string GrantUserQueue = """
        INSERT INTO user_queues (name, queue, granted_at) VALUES ((SELECT name FROM users WHERE name = $name), $queue, $now)
        ON CONFLICT (name, queue) DO NOTHING;
        """;

    /// <summary>
    /// Checks and counts one attempt: only an account not locked at $now is counted (so a locked one is refused by the
    /// same statement); at $max the account locks until $lockedUntil and the count starts again. RETURNING says which.
    /// </summary>
    public const string BeginSignInAttempt = """
        UPDATE users SET
            failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $max THEN 0 ELSE failed_sign_ins + 1 END,
            locked_until = CASE WHEN failed_sign_ins + 1 >= $max THEN $lockedUntil ELSE NULL END
        WHERE name = $name AND (locked_until IS NULL OR locked_until <= $now)
        RETURNING locked_until IS NOT NULL;
        """;

    public const string ReplaceTotpSecret = "UPDATE users SET totp_secret = $replacement WHERE name = $name AND totp_secret = $current;";

    public const string SetTotp = "UPDATE users SET totp_secret = $secret, totp_last_step = NULL WHERE name = $name;";

    public const string DeleteRecoveryCodes = "DELETE FROM user_recovery_codes WHERE name = $name;";

    public const string InsertRecoveryCode = "INSERT INTO user_recovery_codes (name, code_hash, used_at) VALUES ($name, $hash, NULL) ON CONFLICT DO NOTHING;";

    /// <summary>A step is used once, and never one older than the last used: a replayed code changes no row.</summary>
    public const string UseTotpStep = """
        UPDATE users SET totp_last_step = $step
        WHERE name = $name AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < $step);
        """;

    public const string UseRecoveryCode = "UPDATE user_recovery_codes SET used_at = $now WHERE name = $name AND code_hash = $hash AND used_at IS NULL;";

    public const string SetSessionStamp = "UPDATE users SET session_stamp = $stamp WHERE name = $name;";

    /// <summary>Binds an account not yet bound; a bound one keeps its binding (the caller reads it back).</summary>
    public const string BindExternalIdentity = """
        UPDATE users SET external_issuer = $issuer, external_subject = $subject
        WHERE name = $name AND external_subject IS NULL;
        """;

    public const string RecordSignIn = "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE name = $name;";

    public const string InsertSecurityEvent = """
        INSERT INTO security_audit (at, actor, action, target, detail) VALUES ($now, $actor, $action, $target, $detail);
        """;

    public const string ListSecurityEvents = "SELECT id, at, actor, action, target, detail FROM security_audit ORDER BY id DESC LIMIT $limit;";

    public const string ListSecurityEventsForTarget =
        "SELECT id, at, actor, action, target, detail FROM security_audit WHERE target = $target ORDER BY id DESC LIMIT $limit;";

    // --- threshold overrides (schema step 3) ---

    public const string ListThresholdOverrides =
        "SELECT bot, category, threshold, set_by, set_at, reason FROM threshold_overrides ORDER BY bot COLLATE NOCASE, category COLLATE NOCASE;";

    public const string SelectThresholdOverride =
        "SELECT bot, category, threshold, set_by, set_at, reason FROM threshold_overrides WHERE bot = $bot AND category = $category;";

    public const string UpsertThresholdOverride = """
        INSERT INTO threshold_overrides (bot, category, threshold, set_by, set_at, reason)
        VALUES ($bot, $category, $threshold, $actor, $now, $reason)
        ON CONFLICT (bot, category) DO UPDATE SET
            threshold = excluded.threshold, set_by = excluded.set_by, set_at = excluded.set_at, reason = excluded.reason;
        """;

    public const string DeleteThresholdOverride = "DELETE FROM threshold_overrides WHERE bot = $bot AND category = $category;";

    // --- paused bots (schema step 7) ---

    public const string ListBotPauses = "SELECT bot, paused_by, paused_at, reason FROM bot_pauses ORDER BY bot COLLATE NOCASE;";

    public const string SelectBotPause = "SELECT bot, paused_by, paused_at, reason FROM bot_pauses WHERE bot = $bot;";

    public const string InsertBotPause = "INSERT INTO bot_pauses (bot, paused_by, paused_at, reason) VALUES ($bot, $actor, $now, $reason);";

    public const string DeleteBotPause = "DELETE FROM bot_pauses WHERE bot = $bot;";

    // --- incidents (schema step 5). "Active" is state IN ('Open', 'Allocated'), written exactly as in the partial indexes. ---

    /// <summary>The columns <see cref="SqliteFleetStore"/> reads an incident from, in ordinal order.</summary>
    public const string IncidentColumns =
        "reference, first_report, kind, kind_group, severity, state, team, assignee, area, place_id, latitude, longitude, "
        + "person_id, occurred_at, opened_at, deadline, escalated_at, report_count, summary, text";

    /// <summary>
    /// <see cref="IncidentColumns"/> and the text's vector (schema step 12): only the nearby query reads the vector, so a
    /// list of thousands of incidents does not carry 1.5 kB each it never uses.
    /// </summary>
    public const string NearbyIncidentColumns = IncidentColumns + ", text_vector_model, text_vector";

    public const string InsertIncident = """
        INSERT INTO incidents (reference, first_report, kind, kind_group, severity, state, team, assignee, area, place_id,
            latitude, longitude, person_id, occurred_at, opened_at, deadline, escalated_at, report_count, summary, text,
            text_vector_model, text_vector)
        VALUES ($reference, $firstReport, $kind, $kindGroup, $severity, $state, $team, $assignee, $area, $placeId,
            $latitude, $longitude, $personId, $occurredAt, $at, $deadline, NULL, 1, $summary, $text, $textVectorModel, $textVector)
        ON CONFLICT (reference) DO NOTHING;
        """;

    public const string SelectIncident = "SELECT " + IncidentColumns + " FROM incidents WHERE reference = $reference;";

    public const string SelectIncidentState = "SELECT state FROM incidents WHERE reference = $reference;";

    public const string SelectIncidentByReport = "SELECT " + IncidentColumns + """
         FROM incidents WHERE reference = (SELECT incident_reference FROM incident_reports WHERE report_reference = $report);
        """;

    public const string SelectReportIncident = "SELECT incident_reference FROM incident_reports WHERE report_reference = $report;";

    public const string InsertIncidentReport = """
        INSERT INTO incident_reports (report_reference, incident_reference, linked_at) VALUES ($report, $reference, $at)
        ON CONFLICT (report_reference) DO NOTHING;
        """;

    public const string CountIncidentReport = "UPDATE incidents SET report_count = report_count + 1 WHERE reference = $reference;";

    /// <summary>
    /// One indexed search per way of being "nearby" (box, place, person), unioned: an OR across them would make SQLite
    /// scan. A null parameter matches nothing, so a report without coordinates, place or person skips that search.
    /// </summary>
    public const string SelectNearbyIncidents =
        "SELECT " + NearbyIncidentColumns + """
         FROM incidents
        WHERE kind_group = $kindGroup AND latitude BETWEEN $minLatitude AND $maxLatitude
          AND longitude BETWEEN $minLongitude AND $maxLongitude AND occurred_at >= $since AND state IN ('Open', 'Allocated')
        UNION
        """ + " SELECT " + NearbyIncidentColumns + """
         FROM incidents
        WHERE kind_group = $kindGroup AND place_id = $placeId AND occurred_at >= $since AND state IN ('Open', 'Allocated')
        UNION
        """ + " SELECT " + NearbyIncidentColumns + """
         FROM incidents
        WHERE kind_group = $kindGroup AND person_id = $personId AND occurred_at >= $since AND state IN ('Open', 'Allocated')
        ORDER BY occurred_at DESC, reference
        LIMIT $limit;
        """;

    public const string CountOpenIncidentsByAssignee = """
        SELECT assignee, COUNT(*) FROM incidents
        WHERE team = $team AND assignee IS NOT NULL AND state IN ('Open', 'Allocated')
        GROUP BY assignee;
        """;

    public const string ListOpenIncidents = "SELECT " + IncidentColumns + """
         FROM incidents
        WHERE deadline <= $deadlineBy AND state IN ('Open', 'Allocated')
        ORDER BY deadline, reference
        LIMIT $limit;
        """;

    public const string ListOpenIncidentsOfTeam = "SELECT " + IncidentColumns + """
         FROM incidents
        WHERE team = $team AND deadline <= $deadlineBy AND state IN ('Open', 'Allocated')
        ORDER BY deadline, reference
        LIMIT $limit;
        """;

    public const string SelectIncidentsDueForEscalation = "SELECT " + IncidentColumns + """
         FROM incidents
        WHERE deadline <= $deadlineBy AND escalated_at IS NULL AND state IN ('Open', 'Allocated')
        ORDER BY deadline, reference
        LIMIT $limit;
        """;

    public const string AllocateIncident = """
        UPDATE incidents SET team = $team, assignee = $assignee, deadline = $deadline, state = $state WHERE reference = $reference;
        """;

    /// <summary>Open means "in the team's queue, no one person", so a move to Open lets go of the assignee.</summary>
    public const string SetIncidentState = """
        UPDATE incidents SET state = $state, assignee = CASE WHEN $state = 'Open' THEN NULL ELSE assignee END
        WHERE reference = $reference;
        """;

    public const string MarkIncidentEscalated = """
        UPDATE incidents SET escalated_at = $at WHERE reference = $reference AND escalated_at IS NULL;
        """;

    public const string InsertIncidentAudit = """
        INSERT INTO incident_audit (reference, at, actor, action, from_state, to_state, detail)
        VALUES ($reference, $at, $actor, $action, $from, $to, $detail);
        """;

    public const string SelectIncidentAudit = """
        SELECT reference, at, actor, action, from_state, to_state, detail FROM incident_audit WHERE reference = $reference ORDER BY id;
        """;

    public const string DeleteOldFailedStatusChecks = "DELETE FROM status_checks WHERE passed = 0 AND at < $since;";

    public const string InsertStatusCheck = """
        INSERT INTO status_checks (reference, client, at, passed) VALUES ($reference, $client, $now, 0) RETURNING id;
        """;

    public const string CountFailedStatusChecksByReference =
        "SELECT COUNT(*) FROM status_checks WHERE reference = $reference AND passed = 0 AND at >= $since;";

    public const string CountFailedStatusChecksByClient =
        "SELECT COUNT(*) FROM status_checks WHERE client = $client AND passed = 0 AND at >= $since;";

    public const string PassStatusCheck = "UPDATE status_checks SET passed = 1, item_id = $item WHERE id = $id RETURNING reference;";

    public const string SelectStatusCheckReference = "SELECT reference FROM status_checks WHERE id = $id;";

    public const string CountStatusLookups = """
        SELECT (SELECT COUNT(*) FROM status_checks WHERE passed = 1),
               (SELECT COUNT(DISTINCT item_id) FROM status_checks WHERE passed = 1),
               (SELECT COUNT(*) FROM work_items);
        """;
}
