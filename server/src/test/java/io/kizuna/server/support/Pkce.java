package io.kizuna.server.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636 client side: a random verifier and its S256 challenge. */
public record Pkce(String verifier, String challenge) {
    public static Pkce generate() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        try {
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            return new Pkce(verifier, challenge);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
