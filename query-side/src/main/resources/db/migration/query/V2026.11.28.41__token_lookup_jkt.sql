-- RFC 9449 §6: the thumbprint of the DPoP key a token is bound to; NULL for Bearer tokens.
ALTER TABLE token_lookup ADD COLUMN jkt VARCHAR(64);
