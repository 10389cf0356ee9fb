-- OIDC Core §3.2/§3.3: response types such as 'code id_token token' (19 characters); the response_mode
-- (query, fragment, form_post) and the OIDC Core §5.5 claims parameter of a parked request.
ALTER TABLE authorization_request ALTER COLUMN response_type TYPE VARCHAR(32);
ALTER TABLE authorization_request ADD COLUMN response_mode VARCHAR(16) NOT NULL DEFAULT 'query';
ALTER TABLE authorization_request ADD COLUMN claims TEXT;
-- requests parked before this migration: an implicit (token) request is answered in the fragment
UPDATE authorization_request SET response_mode = 'fragment' WHERE response_type = 'token';
