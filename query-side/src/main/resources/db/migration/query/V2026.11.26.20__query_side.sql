-- Read models. Each can be dropped and rebuilt by replaying the ledger.

-- Token lookup for introspection and UserInfo: written in the issuing transaction (subscribing).
CREATE TABLE token_lookup (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    token_type  VARCHAR(16)  NOT NULL,
    grant_id    VARCHAR(64)  NOT NULL,
    client_id   VARCHAR(128) NOT NULL,
    member_id   VARCHAR(64),
    jti         VARCHAR(64),
    scopes      TEXT[]       NOT NULL,
    audience    VARCHAR(2048),
    issued_at   TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    revoked     BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX token_lookup_grant ON token_lookup (grant_id);

-- Member profile: still sealed under the member's data key; opened only when a claim is asked for.
CREATE TABLE member_profile (
    member_id     VARCHAR(64) PRIMARY KEY,
    key_id        VARCHAR(64) NOT NULL,
    sealed        TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL
);
