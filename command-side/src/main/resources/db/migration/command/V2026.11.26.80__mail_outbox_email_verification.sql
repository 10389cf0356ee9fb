-- The embedded default's outbox: mails a demo shows on /outbox instead of sending them. Operational
-- state outside the ledger; member_id lets forgetting a member remove their mails (address included).
CREATE TABLE mail_outbox (
    id         BIGSERIAL    PRIMARY KEY,
    member_id  VARCHAR(64),
    recipient  VARCHAR(320) NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    body       TEXT         NOT NULL,
    sent_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX mail_outbox_member ON mail_outbox (member_id);

-- One-time e-mail verification links: the 256-bit token only as its SHA-256.
CREATE TABLE email_verification (
    token_hash VARCHAR(64) PRIMARY KEY,
    member_id  VARCHAR(64) NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX email_verification_member ON email_verification (member_id);
