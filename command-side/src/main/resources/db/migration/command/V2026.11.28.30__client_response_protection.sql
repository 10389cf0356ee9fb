-- Per-client ID token / UserInfo protection (ClientResponseProtectionChanged, OIDC DCR §2); NULL = not
-- encrypted, UserInfo as plain JSON, keys by value in jwks.
ALTER TABLE oauth_client ADD COLUMN id_token_encrypted_response_alg  VARCHAR(32);
ALTER TABLE oauth_client ADD COLUMN id_token_encrypted_response_enc  VARCHAR(32);
ALTER TABLE oauth_client ADD COLUMN userinfo_signed_response_alg     VARCHAR(16);
ALTER TABLE oauth_client ADD COLUMN userinfo_encrypted_response_alg  VARCHAR(32);
ALTER TABLE oauth_client ADD COLUMN userinfo_encrypted_response_enc  VARCHAR(32);
ALTER TABLE oauth_client ADD COLUMN jwks_uri                         VARCHAR(2048);
