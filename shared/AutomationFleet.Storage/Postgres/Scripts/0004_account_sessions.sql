-- Portal sign-in (issue 13 §2): an account's session stamp (a session cookie carries it and is refused once it changes:
-- sign-out and an administrator's "end sessions" rotate it) and the directory identity (issuer, subject) an account is
-- bound to at its first directory sign-in. Existing accounts get an empty stamp (cookies issued before carry none and
-- sign in again) and no binding (made at their next directory sign-in). Two-factor sign-in: the TOTP secret, the last
-- time step used (a code is accepted once) and the one-time recovery codes, hashed. fleet_app already has UPDATE on
-- users; Always/fleet_app_grants.sql grants user_recovery_codes.
ALTER TABLE users ADD COLUMN IF NOT EXISTS session_stamp text NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN IF NOT EXISTS external_issuer text NULL;
ALTER TABLE users ADD COLUMN IF NOT EXISTS external_subject text NULL;
ALTER TABLE users ADD COLUMN IF NOT EXISTS totp_secret text NULL;
ALTER TABLE users ADD COLUMN IF NOT EXISTS totp_last_step bigint NULL;

CREATE TABLE IF NOT EXISTS user_recovery_codes (
    name       text COLLATE fleet_nocase NOT NULL REFERENCES users (name),
    code_hash  text   NOT NULL,
    used_at    bigint NULL,
    PRIMARY KEY (name, code_hash)
);
