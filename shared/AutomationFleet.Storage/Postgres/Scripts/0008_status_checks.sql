-- Issue 14: the public status page's look-up attempts. A row per attempt, counted as failed (passed false) until it
-- finds its item (passed true, item_id set). Failed rows rate-limit by reference and by client address within a
-- window and are deleted once older than it; passed rows are the look-ups per item. Never the check value typed.
CREATE TABLE status_checks (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference  text    NOT NULL,
    client     text    NOT NULL,
    at         bigint  NOT NULL,
    passed     boolean NOT NULL DEFAULT false,
    item_id    bigint  NULL
);

CREATE INDEX ix_status_checks_reference ON status_checks (reference, at) WHERE NOT passed;
CREATE INDEX ix_status_checks_client ON status_checks (client, at) WHERE NOT passed;
CREATE INDEX ix_status_checks_failed_at ON status_checks (at) WHERE NOT passed;
CREATE INDEX ix_status_checks_item ON status_checks (item_id) WHERE passed;
