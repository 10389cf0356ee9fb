package io.kizuna.protocol.oauth2.authorization;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code response_type} (RFC 6749 §3.1.1; OAuth 2.0 Multiple Response Type Encoding Practices §3, §5):
 * a space-separated set of {@code code}, {@code token} and {@code id_token}, in any order. Kizuna answers
 * the seven combinations OIDC Core names: {@code code} (§3.1), {@code id_token} and {@code id_token token}
 * (implicit, §3.2), {@code code id_token}, {@code code token} and {@code code id_token token} (hybrid,
 * §3.3), and OAuth's {@code token} (RFC 6749 §4.2). {@code none} is not supported.
 */
public record ResponseType(boolean code, boolean token, boolean idToken) {
    public static final ResponseType CODE = new ResponseType(true, false, false);
    /** Every supported value, canonically ordered, as discovery lists them (OIDC Discovery §3). */
    public static final List<String> SUPPORTED = List.of("code", "token", "id_token", "id_token token",
            "code id_token", "code token", "code id_token token");

    public static Optional<ResponseType> parse(String value) {
        if (value == null || value.isBlank() || value.length() > 64) {
            return Optional.empty();
        }
        List<String> parts = List.of(value.strip().split(" +"));
        Set<String> set = new LinkedHashSet<>(parts);
        if (set.size() != parts.size() || !Set.of("code", "token", "id_token").containsAll(set)) {
            return Optional.empty();
        }
        return Optional.of(new ResponseType(set.contains("code"), set.contains("token"), set.contains("id_token")));
    }

    /** The canonical value (as stored and as in {@link #SUPPORTED}). */
    public String value() {
        List<String> parts = new ArrayList<>();
        if (code) {
            parts.add("code");
        }
        if (idToken) {
            parts.add("id_token");
        }
        if (token) {
            parts.add("token");
        }
        return String.join(" ", parts);
    }

    /** Whether a token comes back from the authorization endpoint, through the browser. */
    public boolean frontChannelTokens() {
        return token || idToken;
    }

    /**
     * Multiple Response Types §2.1/§5: {@code query} for {@code code}, {@code fragment} for every type
     * that returns a token, whose values must not reach the client's server in a URL.
     */
    public String defaultResponseMode() {
        return frontChannelTokens() ? AuthorizationResponses.FRAGMENT : AuthorizationResponses.QUERY;
    }

    /**
     * The grant types a client must be registered with for this response type (OIDC DCR §2's table):
     * {@code authorization_code} for a code, {@code implicit} for a token from the authorization endpoint.
     */
    public List<String> requiredGrantTypes() {
        List<String> grants = new ArrayList<>();
        if (code) {
            grants.add("authorization_code");
        }
        if (frontChannelTokens()) {
            grants.add(io.kizuna.grant.Grant.IMPLICIT);
        }
        return List.copyOf(grants);
    }

    /** The supported response types that {@code grantTypes} allow (OIDC DCR §2). */
    public static List<String> allowedBy(List<String> grantTypes) {
        return SUPPORTED.stream().filter(v -> grantTypes.containsAll(parse(v).orElseThrow().requiredGrantTypes()))
                .toList();
    }
}
