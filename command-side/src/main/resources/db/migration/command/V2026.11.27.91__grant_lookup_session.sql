-- The browser session an authorization code was issued in, and whether the member granted offline_access,
-- so that ending a session can end the grants that belong to it (kizuna.sessions.sign-out-ends-grants).
ALTER TABLE grant_lookup ADD COLUMN session_id VARCHAR(64), ADD COLUMN offline BOOLEAN;
CREATE INDEX grant_lookup_session ON grant_lookup (session_id) WHERE session_id IS NOT NULL;
