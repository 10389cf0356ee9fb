-- WebAuthn credentials (subscribing lookup of member.passkey.registered / removed). Public data only:
-- the credential id and the attested credential data (AAGUID, id, COSE public key). sign_count is
-- operational state advanced at each sign-in (W3C WebAuthn §6.1.1); a counter that goes backwards is
-- recorded as member.passkey.clone_suspected.
CREATE TABLE member_passkey (
    credential_id    VARCHAR(1400) PRIMARY KEY,
    member_id        VARCHAR(64)  NOT NULL,
    attested_data    TEXT         NOT NULL,
    sign_count       BIGINT       NOT NULL,
    user_verified    BOOLEAN      NOT NULL,
    backup_eligible  BOOLEAN      NOT NULL,
    transports       TEXT[]       NOT NULL,
    registered_at    TIMESTAMPTZ  NOT NULL,
    last_used_at     TIMESTAMPTZ
);
CREATE INDEX member_passkey_member ON member_passkey (member_id);

-- One-time WebAuthn challenges (5 minutes), kept only as SHA-256 hashes; purpose 'register' is bound
-- to a member, 'second_factor' to a pending sign-in's member, 'passwordless' to nobody.
CREATE TABLE webauthn_challenge (
    challenge_hash VARCHAR(64)  PRIMARY KEY,
    purpose        VARCHAR(16)  NOT NULL,
    member_id      VARCHAR(64),
    expires_at     TIMESTAMPTZ  NOT NULL
);
