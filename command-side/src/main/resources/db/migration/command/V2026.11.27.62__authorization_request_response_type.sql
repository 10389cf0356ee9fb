-- RFC 6749 §4.2: a parked request remembers whether it asked for a code or (implicit) a token.
ALTER TABLE authorization_request ADD COLUMN response_type VARCHAR(16) NOT NULL DEFAULT 'code';
