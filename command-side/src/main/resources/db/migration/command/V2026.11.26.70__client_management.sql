-- RFC 7591 / 7592 client management.

-- SHA-256 of the client's current registration access token (from RegistrationAccessTokenIssued);
-- null for clients registered through the admin API, which cannot use the RFC 7592 endpoint.
ALTER TABLE oauth_client ADD COLUMN registration_token_hash VARCHAR(64);

-- Set by ClientDeleted. The row stays so the client id is never handed out again; every lookup for
-- authentication or authorization skips deleted clients.
ALTER TABLE oauth_client ADD COLUMN deleted_at TIMESTAMPTZ;
