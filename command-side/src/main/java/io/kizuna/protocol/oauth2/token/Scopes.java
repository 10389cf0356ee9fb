package io.kizuna.protocol.oauth2.token;

import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** RFC 6749 §3.3 scope strings: space-delimited tokens of NQCHAR, order-insensitive, no duplicates kept. */
public final class Scopes {
    private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private Scopes() {
    }

    public static List<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        List<String> scopes = Arrays.stream(scope.split(" ")).filter(s -> !s.isEmpty()).distinct().sorted().toList();
        for (String s : scopes) {
            if (!TOKEN.matcher(s).matches()) {
                throw new OAuthException(400, OAuthErrors.INVALID_SCOPE, "malformed scope (RFC 6749 §3.3)");
            }
        }
        return scopes;
    }
}
