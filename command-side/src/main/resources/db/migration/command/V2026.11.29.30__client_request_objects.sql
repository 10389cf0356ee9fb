-- Request objects by reference and encrypted to the server (RFC 9101 §5.2, §6.1; OIDC Core §6):
-- per-client metadata from ClientRequestObjectSettingsChanged (OIDC DCR §2).
ALTER TABLE oauth_client ADD COLUMN request_uris                   TEXT[];
ALTER TABLE oauth_client ADD COLUMN request_object_encryption_alg VARCHAR(32);
ALTER TABLE oauth_client ADD COLUMN request_object_encryption_enc VARCHAR(32);
