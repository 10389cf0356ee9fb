package io.kizuna.protocol.oauth2.registration;

/** The token of an {@code Authorization: Bearer} header (RFC 6750 §2.1), or null. */
final class Bearer {
    private Bearer() {
    }

    static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() || token.length() > 512 ? null : token;
    }
}
