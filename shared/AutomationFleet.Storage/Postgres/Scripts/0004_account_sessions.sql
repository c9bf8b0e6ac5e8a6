-- Portal sign-in (issue 13 §2): an account's session stamp (a session cookie carries it and is refused once it changes:
-- sign-out and an administrator's "end sessions" rotate it) and the directory identity (issuer, subject) an account is
-- bound to at its first directory sign-in. Existing accounts get an empty stamp (cookies issued before carry none and
-- sign in again) and no binding (made at their next directory sign-in). fleet_app already has UPDATE on users.
ALTER TABLE users ADD COLUMN IF NOT EXISTS session_stamp text NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN IF NOT EXISTS external_issuer text NULL;
ALTER TABLE users ADD COLUMN IF NOT EXISTS external_subject text NULL;
