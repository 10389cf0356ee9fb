package io.kizuna.api.token;

import java.util.Optional;

/**
 * Direct read of the token read model by token hash, for the hot paths that answer a resource server
 * on every API call (introspection, RFC 7662 §2). Same answer as {@link FindTokenQuery}, without the
 * query bus: no handler resolution, no handler timeout task and no transaction of its own around a
 * single primary-key read (one PostgreSQL round trip instead of three: BEGIN+SELECT, COMMIT). The
 * read model is written in the issuing and revoking transactions, so the row read here is never
 * behind the ledger: a token revoked by any node is inactive here as soon as its revocation committed.
 */
public interface TokenLookups {
    Optional<TokenView> find(String tokenHash);
}
