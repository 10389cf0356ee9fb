-- OpenID Connect RP-Initiated Logout 1.0 and Back-Channel Logout 1.0.

-- Per-client logout metadata (ClientLogoutSettingsChanged).
ALTER TABLE oauth_client ADD COLUMN post_logout_redirect_uris          TEXT[];
ALTER TABLE oauth_client ADD COLUMN backchannel_logout_uri             VARCHAR(2048);
ALTER TABLE oauth_client ADD COLUMN backchannel_logout_session_required BOOLEAN NOT NULL DEFAULT FALSE;

-- Which clients received an ID token in which browser session (one row per openid authorization code):
-- the recipients of the Logout Tokens when that session ends (Back-Channel Logout §2.7).
CREATE TABLE session_client (
    grant_id        VARCHAR(64) PRIMARY KEY,
    session_id      VARCHAR(64) NOT NULL,
    client_id       VARCHAR(128) NOT NULL,
    member_id       VARCHAR(64) NOT NULL,
    id_token_issued BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX session_client_session ON session_client (session_id);

-- Validated RP-initiated logout requests parked while the member confirms (RP-Initiated Logout §2, §3).
CREATE TABLE logout_request (
    request_id               VARCHAR(64) PRIMARY KEY,
    client_id                VARCHAR(128),
    post_logout_redirect_uri VARCHAR(2048),
    state                    VARCHAR(2048),
    hint_sid                 VARCHAR(64),
    hint_subject             VARCHAR(64),
    created_at               TIMESTAMPTZ NOT NULL,
    expires_at               TIMESTAMPTZ NOT NULL
);
CREATE INDEX logout_request_expires ON logout_request (expires_at);
