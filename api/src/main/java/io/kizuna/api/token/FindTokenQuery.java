package io.kizuna.api.token;

/** Looks a token up by the SHA-256 (base64url) of its value, for introspection (RFC 7662 §2.1). */
public record FindTokenQuery(String tokenHash) {
}
