package io.kizuna.protocol.oidc.claims;

import io.kizuna.api.member.PersonalData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The member claims Kizuna releases (OIDC Core §5.1) and the scope that covers each (§5.4): a claim is
 * released only when the member granted its scope.
 */
public final class MemberClaimNames {
    private static final Map<String, String> SCOPE_OF = new LinkedHashMap<>();

    static {
        SCOPE_OF.put("email", "email");
        SCOPE_OF.put("email_verified", "email");
        SCOPE_OF.put("name", "profile");
        SCOPE_OF.put("locale", "profile");
        SCOPE_OF.put("phone_number", "phone");
        SCOPE_OF.put("phone_number_verified", "phone");
        SCOPE_OF.put("address", "address");
    }

    private MemberClaimNames() {
    }

    public static List<String> all() {
        return List.copyOf(SCOPE_OF.keySet());
    }

    /** The requested claims whose scope was granted, in request order, unknown ones left out. */
    public static List<String> allowed(Collection<String> requested, Collection<String> grantedScopes) {
        List<String> names = new ArrayList<>();
        for (String name : requested) {
            String scope = SCOPE_OF.get(name);
            if (scope != null && grantedScopes.contains(scope) && !names.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** Every claim of the granted scopes (OIDC Core §5.4, for an ID token issued without access token). */
    public static List<String> ofScopes(Collection<String> grantedScopes) {
        return allowed(SCOPE_OF.keySet(), grantedScopes);
    }

    /** The values of {@code names} the member has; a claim left empty is omitted (as UserInfo does). */
    public static Map<String, Object> values(PersonalData data, Collection<String> names) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (data == null) {
            return claims;
        }
        for (String name : names) {
            switch (name) {
                case "email" -> put(claims, name, data.email());
                case "email_verified" -> claims.put(name, data.emailVerified());
                case "name" -> put(claims, name, data.name());
                case "locale" -> put(claims, name, data.locale());
                case "phone_number" -> put(claims, name, data.phoneNumber());
                case "phone_number_verified" -> {
                    if (data.phoneNumber() != null) {
                        claims.put(name, false);
                    }
                }
                case "address" -> {
                    if (data.address() != null) {
                        claims.put(name, Map.of("formatted", data.address()));
                    }
                }
                default -> {
                }
            }
        }
        return claims;
    }

    private static void put(Map<String, Object> claims, String name, Object value) {
        if (value != null) {
            claims.put(name, value);
        }
    }
}
