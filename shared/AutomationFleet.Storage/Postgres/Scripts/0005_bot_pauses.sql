-- Bots an administrator paused fleet-wide (IBotPauseStore): a row while paused, deleted on resume. Pausing and resuming
-- are audited in security_audit by the store, in the same transaction.
CREATE TABLE bot_pauses (
    bot        text COLLATE fleet_nocase NOT NULL PRIMARY KEY,
    paused_by  text   NOT NULL,
    paused_at  bigint NOT NULL,
    reason     text   NOT NULL
);
