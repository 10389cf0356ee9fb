-- OIDC Core §3.1.2.1 request parameters that shape the member's interaction.
ALTER TABLE authorization_request ADD COLUMN prompt       VARCHAR(64);
ALTER TABLE authorization_request ADD COLUMN max_age      INTEGER;
ALTER TABLE authorization_request ADD COLUMN required_acr VARCHAR(64);
ALTER TABLE authorization_request ADD COLUMN login_hint   VARCHAR(320);
