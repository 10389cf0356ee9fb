-- RFC 9126 §2.2: authorization requests a client pushed before redirecting the browser. The request_uri is
-- a bearer reference to the request, so only its SHA-256 is kept; rows live seconds and are used once.
CREATE TABLE pushed_authorization_request (
    request_uri_hash TEXT PRIMARY KEY,
    client_id        TEXT        NOT NULL,
    parameters       TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX pushed_authorization_request_expiry ON pushed_authorization_request (expires_at);
