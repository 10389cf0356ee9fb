-- Per-client PKCE requirement (ClientTokenSettingsChanged.requirePkce); NULL = required (RFC 9700 §2.1.1).
ALTER TABLE oauth_client ADD COLUMN require_pkce BOOLEAN;
