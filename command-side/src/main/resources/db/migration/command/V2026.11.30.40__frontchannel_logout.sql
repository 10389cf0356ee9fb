-- OpenID Connect Front-Channel Logout 1.0 §2: per-client metadata (ClientLogoutSettingsChanged, additive fields).
ALTER TABLE oauth_client ADD COLUMN frontchannel_logout_uri              VARCHAR(2000);
ALTER TABLE oauth_client ADD COLUMN frontchannel_logout_session_required BOOLEAN NOT NULL DEFAULT FALSE;
