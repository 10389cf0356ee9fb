-- RFC 8705 §3: the x5t#S256 (base64url SHA-256 of the DER) of the TLS client certificate a token is bound
-- to; NULL for tokens not bound to a certificate.
ALTER TABLE token_lookup ADD COLUMN x5t_s256 VARCHAR(64);
