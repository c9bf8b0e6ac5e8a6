-- Version 1 of the PostgreSQL store: every table of SQLite's version 5, in PostgreSQL's types.
-- Times are bigint unix milliseconds UTC from the store's injected clock (never now()), as in SQLite, so both stores
-- run the same contract tests on a fake clock. States are the Core enums' integers (work items) or names (incidents).
-- Names that SQLite compares with COLLATE NOCASE (accounts, threshold overrides) use fleet_nocase, a
-- nondeterministic ICU collation: equal ignoring case, stored as written.

CREATE COLLATION IF NOT EXISTS fleet_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION '% is append-only: rows cannot be %', TG_TABLE_NAME,
        CASE TG_OP WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END;
END;
$body$;

CREATE TABLE work_items (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue               text             NOT NULL,
    reference           text             NOT NULL UNIQUE,
    payload_json        text             NOT NULL,
    attachments_json    text             NOT NULL,
    priority            integer          NOT NULL,
    due_at              bigint           NULL,
    state               integer          NOT NULL,
    attempts            integer          NOT NULL,
    lease_owner         text             NULL,
    lease_expires_at    bigint           NULL,
    next_attempt_at     bigint           NULL,
    outcome_json        text             NULL,
    confidence          double precision NULL,
    outcome_decided_by  text             NULL,
    last_error          text             NULL,
    created_at          bigint           NOT NULL,
    updated_at          bigint           NOT NULL
);

-- Serves the lease query: one queue's leasable items in lease order (priority DESC, due date with none last, id).
CREATE INDEX ix_work_items_lease
    ON work_items (queue, priority DESC, due_at ASC NULLS LAST, id)
    WHERE state IN (0, 1, 5);

CREATE INDEX ix_work_items_state ON work_items (state, queue, created_at);

CREATE INDEX ix_work_items_finished ON work_items (state, updated_at);

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id     bigint  NOT NULL REFERENCES work_items (id),
    reference   text    NOT NULL,
    at          bigint  NOT NULL,
    actor       text    NOT NULL,
    from_state  integer NULL,
    to_state    integer NOT NULL,
    reason      text    NOT NULL
);

CREATE INDEX ix_audit_log_item ON audit_log (item_id, id);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE review_tasks (
    item_id           bigint           PRIMARY KEY REFERENCES work_items (id),
    bot               text             NOT NULL,
    category          text             NULL,
    proposal_json     text             NULL,
    confidence        double precision NOT NULL,
    evidence_json     text             NOT NULL,
    reasons_json      text             NOT NULL,
    urgent            boolean          NOT NULL,
    escalated         boolean          NOT NULL,
    claimed_by        text             NULL,
    claim_expires_at  bigint           NULL,
    created_at        bigint           NOT NULL,
    closed_at         bigint           NULL,
    service           text             NULL,
    queue             text             NULL
);

CREATE INDEX ix_review_tasks_open
    ON review_tasks (urgent DESC, escalated DESC, created_at)
    WHERE closed_at IS NULL;

CREATE INDEX ix_review_tasks_counts
    ON review_tasks (bot, category, service, queue, urgent, escalated)
    WHERE closed_at IS NULL;

CREATE INDEX ix_review_tasks_bot ON review_tasks (bot, category, closed_at);

CREATE TABLE labelled_examples (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot                     text   NOT NULL,
    item_id                 bigint NOT NULL REFERENCES work_items (id),
    reference               text   NOT NULL,
    payload_json            text   NOT NULL,
    proposed_category       text   NULL,
    proposed_outcome_json   text   NULL,
    corrected_category      text   NULL,
    corrected_outcome_json  text   NOT NULL,
    reviewer                text   NOT NULL,
    at                      bigint NOT NULL
);

CREATE INDEX ix_labelled_examples_bot ON labelled_examples (bot, id);

CREATE INDEX ix_labelled_examples_item ON labelled_examples (item_id);

CREATE TABLE side_effects (
    key           text    PRIMARY KEY,
    item_id       bigint  NOT NULL REFERENCES work_items (id),
    step          text    NOT NULL,
    idempotent    boolean NOT NULL,
    status        integer NOT NULL,
    started_at    bigint  NOT NULL,
    completed_at  bigint  NULL,
    result_json   text    NULL
);

CREATE INDEX ix_side_effects_item ON side_effects (item_id);

CREATE TABLE workers (
    worker_id     text    PRIMARY KEY,
    host          text    NOT NULL,
    pid           integer NOT NULL,
    queues_json   text    NOT NULL,
    in_flight     integer NOT NULL,
    started_at    bigint  NOT NULL,
    last_seen_at  bigint  NOT NULL,
    stopped_at    bigint  NULL
);

CREATE TABLE users (
    name             text COLLATE fleet_nocase NOT NULL PRIMARY KEY,
    password_hash    text    NOT NULL,
    role             integer NOT NULL,
    disabled         boolean NOT NULL,
    failed_sign_ins  integer NOT NULL,
    locked_until     bigint  NULL,
    created_at       bigint  NOT NULL
);

CREATE TABLE user_queues (
    name        text COLLATE fleet_nocase NOT NULL REFERENCES users (name),
    queue       text   NOT NULL,
    granted_at  bigint NOT NULL,
    PRIMARY KEY (name, queue)
);

CREATE TABLE user_services (
    name        text COLLATE fleet_nocase NOT NULL REFERENCES users (name),
    service     text   NOT NULL,
    granted_at  bigint NOT NULL,
    PRIMARY KEY (name, service)
);

CREATE TABLE security_audit (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      bigint NOT NULL,
    actor   text   NOT NULL,
    action  text   NOT NULL,
    target  text   NOT NULL,
    detail  text   NOT NULL
);

CREATE INDEX ix_security_audit_target ON security_audit (target, id);

CREATE TRIGGER security_audit_append_only BEFORE UPDATE OR DELETE ON security_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE threshold_overrides (
    bot        text COLLATE fleet_nocase NOT NULL,
    category   text COLLATE fleet_nocase NOT NULL,
    threshold  double precision NOT NULL CHECK (threshold >= 0 AND threshold <= 1),
    set_by     text   NOT NULL,
    set_at     bigint NOT NULL,
    reason     text   NOT NULL,
    PRIMARY KEY (bot, category)
);

CREATE TABLE incidents (
    reference     text             NOT NULL PRIMARY KEY,
    first_report  text             NOT NULL,
    kind          text             NOT NULL,
    kind_group    text             NOT NULL,
    severity      text             NOT NULL,
    state         text             NOT NULL CHECK (state IN ('Open', 'Allocated', 'Resolved', 'Closed')),
    team          text             NOT NULL,
    assignee      text             NULL,
    area          text             NULL,
    place_id      text             NULL,
    latitude      double precision NULL,
    longitude     double precision NULL,
    person_id     text             NULL,
    occurred_at   bigint           NOT NULL,
    opened_at     bigint           NOT NULL,
    deadline      bigint           NOT NULL,
    escalated_at  bigint           NULL,
    report_count  integer          NOT NULL,
    summary       text             NOT NULL,
    text          text             NOT NULL
);

CREATE INDEX ix_incidents_nearby_box
    ON incidents (kind_group, latitude, longitude, occurred_at)
    WHERE state IN ('Open', 'Allocated');

CREATE INDEX ix_incidents_nearby_place
    ON incidents (kind_group, place_id, occurred_at)
    WHERE state IN ('Open', 'Allocated');

CREATE INDEX ix_incidents_nearby_person
    ON incidents (kind_group, person_id, occurred_at)
    WHERE state IN ('Open', 'Allocated');

CREATE INDEX ix_incidents_team_assignee
    ON incidents (team, assignee, state)
    WHERE state IN ('Open', 'Allocated');

CREATE INDEX ix_incidents_team_deadline
    ON incidents (team, deadline, reference)
    WHERE state IN ('Open', 'Allocated');

CREATE INDEX ix_incidents_deadline
    ON incidents (deadline, reference)
    WHERE state IN ('Open', 'Allocated');

CREATE INDEX ix_incidents_escalation
    ON incidents (deadline, reference)
    WHERE escalated_at IS NULL AND state IN ('Open', 'Allocated');

CREATE TABLE incident_reports (
    report_reference    text   NOT NULL PRIMARY KEY,
    incident_reference  text   NOT NULL REFERENCES incidents (reference),
    linked_at           bigint NOT NULL
);

CREATE INDEX ix_incident_reports_incident ON incident_reports (incident_reference);

CREATE TABLE incident_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference   text   NOT NULL REFERENCES incidents (reference),
    at          bigint NOT NULL,
    actor       text   NOT NULL,
    action      text   NOT NULL,
    from_state  text   NULL,
    to_state    text   NULL,
    detail      text   NOT NULL
);

CREATE INDEX ix_incident_audit_reference ON incident_audit (reference, id);

CREATE TRIGGER incident_audit_append_only BEFORE UPDATE OR DELETE ON incident_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
