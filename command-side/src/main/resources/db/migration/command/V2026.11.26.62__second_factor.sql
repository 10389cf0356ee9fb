-- TOTP enrolments (subscribing lookup of TotpEnrolled). The secret stays sealed under the member's
-- data key; last_step refuses a code's second use (RFC 6238 §5.2).
CREATE TABLE member_totp (
    member_id       VARCHAR(64) PRIMARY KEY,
    key_id          VARCHAR(64) NOT NULL,
    sealed_secret   TEXT        NOT NULL,
    recovery_hashes TEXT[]      NOT NULL,
    last_step       BIGINT      NOT NULL DEFAULT -1
);

-- Sign-ins waiting for their second factor; the token is a 256-bit secret kept only as a hash.
CREATE TABLE pending_sign_in (
    token_hash VARCHAR(64)  PRIMARY KEY,
    member_id  VARCHAR(64)  NOT NULL,
    client_id  VARCHAR(128),
    attempts   INTEGER      NOT NULL DEFAULT 0,
    expires_at TIMESTAMPTZ  NOT NULL
);
