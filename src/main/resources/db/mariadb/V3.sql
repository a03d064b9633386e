-- Gatehouse schema 3: grants by session (a session's codes are bounded)
CREATE INDEX IF NOT EXISTS GH_GRANT_SESSION ON GH_GRANT (SESSION_ID, TYPE);
