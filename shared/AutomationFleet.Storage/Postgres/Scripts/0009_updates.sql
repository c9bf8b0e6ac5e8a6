-- Issue 14: proactive updates. update_sends holds one row per update reserved for sending (the daily cap counts an
-- address's rows on a day; sent_at once sent); update_opt_outs the opt-outs (kind 'address': the address's SHA-256, or
-- 'item': a root reference), kept for good. No address is stored, only its hash.
CREATE TABLE update_sends (
    update_reference text   NOT NULL PRIMARY KEY,
    item_reference   text   NOT NULL,
    queue            text   NOT NULL,
    touch_point      text   NOT NULL,
    recipient_hash   text   NOT NULL,
    day              text   NOT NULL,
    reserved_at      bigint NOT NULL,
    sent_at          bigint NULL
);

CREATE INDEX ix_update_sends_recipient_day ON update_sends (recipient_hash, day);
CREATE INDEX ix_update_sends_reserved_at ON update_sends (reserved_at);

CREATE TABLE update_opt_outs (
    kind          text   NOT NULL CHECK (kind IN ('address', 'item')),
    value         text   NOT NULL,
    opted_out_at  bigint NOT NULL,
    PRIMARY KEY (kind, value)
);
