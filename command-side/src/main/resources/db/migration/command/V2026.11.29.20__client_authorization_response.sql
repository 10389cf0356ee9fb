-- Per-client JARM settings (ClientAuthorizationResponseChanged, JARM section 3); NULL = the default
-- signature (RS256, PS256 for FAPI clients), not encrypted.
ALTER TABLE oauth_client ADD COLUMN authorization_signed_response_alg    VARCHAR(16);
ALTER TABLE oauth_client ADD COLUMN authorization_encrypted_response_alg VARCHAR(32);
ALTER TABLE oauth_client ADD COLUMN authorization_encrypted_response_enc VARCHAR(32);
