-- RFC 9449 (DPoP).
-- §5.2 dpop_bound_access_tokens per client (ClientTokenSettingsChanged).
ALTER TABLE oauth_client ADD COLUMN dpop_bound_access_tokens BOOLEAN NOT NULL DEFAULT FALSE;

-- §11.1: a proof's jti is accepted once while its iat is inside the acceptance window, on whichever node
-- it arrives. Keyed by the SHA-256 of (key thumbprint, jti) so a jti chosen by one key cannot block another.
CREATE TABLE dpop_proof_jti (
    proof_hash VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX dpop_proof_jti_expiry ON dpop_proof_jti (expires_at);
