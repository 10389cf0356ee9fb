package io.kizuna.ui.consent;

import java.util.Map;

/**
 * A requested scope as the member reads it. {@code messageKey} is null for a scope the page has no
 * words for; the page then shows the scope name itself rather than hiding what is asked.
 */
public record ScopeDescription(String scope, String messageKey) {

    private static final Map<String, String> KNOWN = Map.of(
            "openid", "consent.scope.openid",
            "profile", "consent.scope.profile",
            "email", "consent.scope.email",
            "phone", "consent.scope.phone",
            "address", "consent.scope.address",
            "offline_access", "consent.scope.offline_access");

    public static ScopeDescription of(String scope) {
        return new ScopeDescription(scope, KNOWN.get(scope));
    }
}
