-- Issue 14: running late. One row per (item root reference, date) the citizen was told to expect instead because the
-- item was running late; the latest is what the status page shows and the timescale sweep counts from, and the key
-- makes a second apology for the same date impossible.
CREATE TABLE expected_date_revisions (
    item_reference text   NOT NULL,
    expected_by    text   NOT NULL,
    revised_at     bigint NOT NULL,
    PRIMARY KEY (item_reference, expected_by)
);
