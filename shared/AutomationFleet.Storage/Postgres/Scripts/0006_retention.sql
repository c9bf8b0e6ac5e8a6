-- Issue 13: when the retention purge redacted an item (its payload and documents removed), and the index that finds a
-- queue's finished items (2 Completed, 4 BusinessException, 7 Cancelled) not yet redacted, oldest first.
ALTER TABLE work_items ADD COLUMN redacted_at bigint NULL;

CREATE INDEX ix_work_items_retention
    ON work_items (queue, updated_at, id)
    WHERE state IN (2, 4, 7) AND redacted_at IS NULL;
