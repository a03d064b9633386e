-- Gatehouse schema 3: grants by session (a session's codes are bounded) and by type and age (each node reads the
-- JWTs revoked since it last looked)
CREATE INDEX IF NOT EXISTS GH_GRANT_SESSION ON GH_GRANT (SESSION_ID, TYPE);
CREATE INDEX IF NOT EXISTS GH_GRANT_TYPE_CREATED ON GH_GRANT (TYPE, CREATED_AT);
