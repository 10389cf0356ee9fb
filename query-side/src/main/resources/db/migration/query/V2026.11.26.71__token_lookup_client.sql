-- Deleting a client (RFC 7592 §2.3) revokes every token issued to it in the deletion's transaction.
CREATE INDEX token_lookup_client ON token_lookup (client_id);
