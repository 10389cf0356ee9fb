-- RFC 9449 §10: the dpop_jkt of a parked authorization request, bound to the code issued for it.
ALTER TABLE authorization_request ADD COLUMN dpop_jkt VARCHAR(64);
