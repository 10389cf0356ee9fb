-- SCIM 2.0 provisioning (RFC 7644): a provisioned member may have no password yet (they set one through
-- the reset link), and a deprovisioned one (active = false) cannot sign in.
ALTER TABLE member_credential ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE member_credential ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

-- externalId (RFC 7643 §3.1) is unique among provisioned members; kept as a keyed HMAC, like logins.
CREATE TABLE member_external_id (
    external_key VARCHAR(64) PRIMARY KEY,
    member_id    VARCHAR(64) NOT NULL UNIQUE
);
