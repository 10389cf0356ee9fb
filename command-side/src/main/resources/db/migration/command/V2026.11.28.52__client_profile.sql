-- FAPI security profiles per client (client.profile.changed); NULL = none
ALTER TABLE oauth_client ADD COLUMN client_profile TEXT;
-- RFC 9126 §3 / FAPI 2.0 Message Signing: whether a pushed request came as a signed request object
ALTER TABLE pushed_authorization_request ADD COLUMN from_request_object BOOLEAN NOT NULL DEFAULT FALSE;
