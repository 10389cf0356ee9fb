-- Command-side state. Lookup tables are subscribing projections written in the same transaction as
-- the event append (so uniqueness and one-time use are enforced at once); the rest is operational
-- state outside the ledger that may be lost without losing history (pending requests, sessions, keys).

-- Per-member data keys for crypto-shredding: forgetting a member nulls wrapped_key.
CREATE TABLE member_data_key (
    member_id    VARCHAR(64)  PRIMARY KEY,
    key_id       VARCHAR(64)  NOT NULL UNIQUE,
    wrapped_key  BYTEA,
    created_at   TIMESTAMPTZ  NOT NULL,
    destroyed_at TIMESTAMPTZ
);

-- login_key = HMAC(server key, normalised e-mail): no e-mail in plaintext here either.
CREATE TABLE member_credential (
    login_key     VARCHAR(64)  PRIMARY KEY,
    member_id     VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL
);

CREATE TABLE oauth_client (
    client_id      VARCHAR(128) PRIMARY KEY,
    name           VARCHAR(255) NOT NULL,
    client_type    VARCHAR(16)  NOT NULL,
    secret_hash    VARCHAR(128),
    auth_method    VARCHAR(64)  NOT NULL,
    redirect_uris  TEXT[]       NOT NULL,
    grant_types    TEXT[]       NOT NULL,
    scopes         TEXT[]       NOT NULL,
    site_uri       VARCHAR(2048),
    registered_at  TIMESTAMPTZ  NOT NULL
);

-- code and refresh-token hashes → grant, so the token endpoint finds the aggregate to command.
CREATE TABLE grant_lookup (
    value_hash VARCHAR(64) PRIMARY KEY,
    kind       VARCHAR(16) NOT NULL,
    grant_id   VARCHAR(64) NOT NULL
);
CREATE INDEX grant_lookup_grant ON grant_lookup (grant_id);

CREATE TABLE consent_lookup (
    consent_id VARCHAR(200) PRIMARY KEY,
    member_id  VARCHAR(64)  NOT NULL,
    client_id  VARCHAR(128) NOT NULL,
    scopes     TEXT[]       NOT NULL
);

-- Authorization requests parked while the member signs in and consents (RFC 6749 §4.1.1).
CREATE TABLE authorization_request (
    request_id            VARCHAR(64)   PRIMARY KEY,
    client_id             VARCHAR(128)  NOT NULL,
    redirect_uri          VARCHAR(2048) NOT NULL,
    redirect_uri_supplied BOOLEAN       NOT NULL,
    scopes                TEXT[]        NOT NULL,
    state                 VARCHAR(2048),
    nonce                 VARCHAR(2048),
    code_challenge        VARCHAR(128),
    code_challenge_method VARCHAR(16),
    created_at            TIMESTAMPTZ   NOT NULL,
    expires_at            TIMESTAMPTZ   NOT NULL
);
CREATE INDEX authorization_request_expiry ON authorization_request (expires_at);

-- Browser sign-in sessions; the cookie holds a secret whose SHA-256 is session_hash.
CREATE TABLE browser_session (
    session_hash VARCHAR(64)  PRIMARY KEY,
    session_id   VARCHAR(64)  NOT NULL UNIQUE,
    member_id    VARCHAR(64)  NOT NULL,
    auth_time    TIMESTAMPTZ  NOT NULL,
    amr          TEXT[]       NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL
);

-- Signing keys, the private JWK sealed under the master key.
CREATE TABLE signing_key (
    kid        VARCHAR(64) PRIMARY KEY,
    alg        VARCHAR(16) NOT NULL,
    sealed_jwk BYTEA       NOT NULL,
    public_jwk TEXT        NOT NULL,
    status     VARCHAR(16) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
