package io.kizuna.grant;

import io.kizuna.api.grant.GrantOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636 §4.6 verification of {@code code_verifier} against an S256 {@code code_challenge}. */
final class Pkce {
    /** RFC 7636 §4.1: 43–128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private Pkce() {
    }

    static GrantOutcome verify(String challenge, String verifier) {
        if (challenge == null) {
            return verifier == null ? GrantOutcome.ACCEPTED
                    : GrantOutcome.refused("invalid_grant",
                            "code_verifier sent but the authorization request had no code_challenge (RFC 9700 §2.1.1)");
        }
        if (verifier == null) {
            return GrantOutcome.refused("invalid_grant", "code_verifier is required (RFC 7636 §4.5)");
        }
        if (!VERIFIER.matcher(verifier).matches()) {
            return GrantOutcome.refused("invalid_grant", "code_verifier is malformed (RFC 7636 §4.1)");
        }
        return MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII))
                ? GrantOutcome.ACCEPTED
                : GrantOutcome.refused("invalid_grant", "code_verifier does not match code_challenge (RFC 7636 §4.6)");
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
