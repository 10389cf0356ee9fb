-- What the member is shown about a client on the sign-in and consent pages (OIDC DCR §2, RFC 7591 §2):
-- logo_uri, policy_uri, tos_uri from ClientPresentationChanged. client_uri stays in site_uri.
ALTER TABLE oauth_client ADD COLUMN logo_uri   VARCHAR(2000);
ALTER TABLE oauth_client ADD COLUMN policy_uri VARCHAR(2000);
ALTER TABLE oauth_client ADD COLUMN tos_uri    VARCHAR(2000);
