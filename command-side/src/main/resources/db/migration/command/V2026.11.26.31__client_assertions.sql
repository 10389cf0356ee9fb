-- RFC 7523 client authentication.

-- Public JWK set of private_key_jwt clients (from ClientRegistered.jwks).
ALTER TABLE oauth_client ADD COLUMN jwks TEXT;

-- client_secret_jwt needs the secret itself as the HMAC key, which the ledger's keyed hash cannot give
-- back. For those clients only, the secret is kept here sealed (AES-256-GCM under a master sub-key,
-- client id as associated data), like signing keys: outside the ledger and the Kafka stream, so no
-- event ever carries a credential, even encrypted. Losing this table means issuing such clients a
-- new secret, not losing history.
CREATE TABLE client_jwt_secret (
    client_id  VARCHAR(128) PRIMARY KEY,
    sealed     BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);

-- jti of every accepted client assertion until it expires (RFC 7523 §3 item 7): the insert fails for
-- a replay on any node, because they all share this table.
CREATE TABLE client_assertion_jti (
    client_id  VARCHAR(128) NOT NULL,
    jti        VARCHAR(256) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX client_assertion_jti_expiry ON client_assertion_jti (expires_at);
