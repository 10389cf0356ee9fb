-- RFC 9126 §4, FAPI 2.0 Security Profile §5.3.2.2: a pushed request_uri stays usable (a reload, a second
-- visit) until one authorization made from it completes. Each parked request remembers the SHA-256 of the
-- request_uri it came from, so that completing one ends the pushed request and every other visit of it.
ALTER TABLE authorization_request ADD COLUMN pushed_request_uri_hash TEXT;
CREATE INDEX authorization_request_pushed ON authorization_request (pushed_request_uri_hash)
    WHERE pushed_request_uri_hash IS NOT NULL;
