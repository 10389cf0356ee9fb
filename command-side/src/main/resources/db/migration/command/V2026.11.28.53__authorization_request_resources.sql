-- RFC 8707 §2.1: the resource indicators of an authorization request travel with it to the code
ALTER TABLE authorization_request ADD COLUMN resources TEXT[];
