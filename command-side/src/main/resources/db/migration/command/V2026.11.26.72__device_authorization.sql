-- RFC 8628 device authorization grant: device code and user code (both as SHA-256) → grant, written in
-- the issuing transaction (DeviceCodes). status follows the ledger (pending, approved, denied, redeemed);
-- last_polled_at and interval_seconds are the polling pace (§3.5 slow_down), operational state that is
-- not worth an event per poll.
CREATE TABLE device_authorization (
    device_code_hash VARCHAR(64)  PRIMARY KEY,
    user_code_hash   VARCHAR(64)  NOT NULL UNIQUE,
    grant_id         VARCHAR(64)  NOT NULL,
    client_id        VARCHAR(128) NOT NULL,
    scopes           TEXT[]       NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    expires_at       TIMESTAMPTZ  NOT NULL,
    interval_seconds INTEGER      NOT NULL,
    last_polled_at   TIMESTAMPTZ
);
CREATE INDEX device_authorization_expiry ON device_authorization (expires_at);
