-- One-time password reset links: the 256-bit token only as its SHA-256, valid 30 minutes.
CREATE TABLE password_reset (
    token_hash VARCHAR(64) PRIMARY KEY,
    member_id  VARCHAR(64) NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX password_reset_member ON password_reset (member_id);
