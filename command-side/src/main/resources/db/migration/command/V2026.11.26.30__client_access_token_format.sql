-- RFC 9068 JWT or opaque access tokens, chosen per client. Rows of clients registered before the
-- choice existed stay NULL, read as 'jwt' (their ClientRegistered events carry no format either).
ALTER TABLE oauth_client ADD COLUMN access_token_format VARCHAR(16);
