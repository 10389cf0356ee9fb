-- RFC 8705: the certificate identifier of a tls_client_auth client, and certificate-bound access tokens
ALTER TABLE oauth_client ADD COLUMN tls_subject_dn TEXT;
ALTER TABLE oauth_client ADD COLUMN tls_san_dns TEXT;
ALTER TABLE oauth_client ADD COLUMN tls_san_uri TEXT;
ALTER TABLE oauth_client ADD COLUMN tls_san_ip TEXT;
ALTER TABLE oauth_client ADD COLUMN tls_san_email TEXT;
ALTER TABLE oauth_client ADD COLUMN tls_bound_tokens BOOLEAN NOT NULL DEFAULT FALSE;
