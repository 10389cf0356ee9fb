-- Per-client token settings (ClientTokenSettingsChanged); NULL = the server default (ES256, configured lifetimes).
ALTER TABLE oauth_client ADD COLUMN access_token_signing_alg     VARCHAR(16);
ALTER TABLE oauth_client ADD COLUMN id_token_signed_response_alg VARCHAR(16);
ALTER TABLE oauth_client ADD COLUMN access_token_lifetime        BIGINT;
ALTER TABLE oauth_client ADD COLUMN refresh_token_lifetime       BIGINT;
ALTER TABLE oauth_client ADD COLUMN id_token_lifetime            BIGINT;
