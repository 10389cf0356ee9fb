-- Sessions for the account console (rebuildable from SessionStarted / SessionEnded).
CREATE TABLE member_session (
    session_id VARCHAR(64)  PRIMARY KEY,
    member_id  VARCHAR(64)  NOT NULL,
    amr        TEXT[]       NOT NULL,
    client_id  VARCHAR(128),
    started_at TIMESTAMPTZ  NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    ended_at   TIMESTAMPTZ
);
CREATE INDEX member_session_member ON member_session (member_id);
