package io.kizuna.protocol.oidc.claims;

import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.StandardClaims;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The member claims Kizuna releases (OIDC Core §5.1) and the scope that covers each (§5.4): {@code profile},
 * {@code email}, {@code address}, {@code phone}. A claim is released when the member granted its scope, or when
 * the {@code claims} parameter asked for it individually and the member approved that on the consent screen
 * (§5.5, {@link ClaimsRelease}).
 */
public final class MemberClaimNames {
    private static final Map<String, String> SCOPE_OF = new LinkedHashMap<>();

    static {
        for (String profile : List.of("name", "family_name", "given_name", "middle_name", "nickname",
                "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale",
                "updated_at")) {
            SCOPE_OF.put(profile, "profile");
        }
        SCOPE_OF.put("email", "email");
        SCOPE_OF.put("email_verified", "email");
        SCOPE_OF.put("address", "address");
        SCOPE_OF.put("phone_number", "phone");
        SCOPE_OF.put("phone_number_verified", "phone");
    }

    /** The scopes of OIDC Core §5.4 that stand for member claims. */
    public static final Set<String> CLAIM_SCOPES = Set.of("profile", "email", "address", "phone");

    private MemberClaimNames() {
    }

    public static List<String> all() {
        return List.copyOf(SCOPE_OF.keySet());
    }

    public static boolean isMemberClaim(String name) {
        return SCOPE_OF.containsKey(name);
    }

    /** The scope that covers {@code name} (OIDC Core §5.4), or null for a claim that is not a member claim. */
    public static String scopeOf(String name) {
        return SCOPE_OF.get(name);
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

    /**
     * The values of {@code names} the member has (OIDC Core §5.1 types: strings, booleans, {@code updated_at} a
     * number, {@code address} a JSON object of its non-empty members). A claim left empty is omitted, never null
     * (§5.3.2); {@code phone_number_verified} only with a phone number.
     */
    public static Map<String, Object> values(PersonalData data, Collection<String> names) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (data == null) {
            return claims;
        }
        StandardClaims s = data.standard();
        for (String name : names) {
            if (claims.containsKey(name)) {
                continue;
            }
            switch (name) {
                case "email" -> put(claims, name, data.email());
                case "email_verified" -> {
                    if (data.email() != null) {
                        claims.put(name, data.emailVerified());
                    }
                }
                case "name" -> put(claims, name, data.name());
                case "given_name" -> put(claims, name, s.givenName());
                case "family_name" -> put(claims, name, s.familyName());
                case "middle_name" -> put(claims, name, s.middleName());
                case "nickname" -> put(claims, name, s.nickname());
                case "preferred_username" -> put(claims, name, s.preferredUsername());
                case "profile" -> put(claims, name, s.profile());
                case "picture" -> put(claims, name, s.picture());
                case "website" -> put(claims, name, s.website());
                case "gender" -> put(claims, name, s.gender());
                case "birthdate" -> put(claims, name, s.birthdate());
                case "zoneinfo" -> put(claims, name, s.zoneinfo());
                case "locale" -> put(claims, name, data.locale());
                case "updated_at" -> put(claims, name, s.updatedAt());
                case "phone_number" -> put(claims, name, data.phoneNumber());
                case "phone_number_verified" -> {
                    if (data.phoneNumber() != null) {
                        claims.put(name, s.phoneNumberVerified());
                    }
                }
                case "address" -> {
                    // OIDC Core §5.1.1: the members the member filled in; no address claim when none is
                    Map<String, Object> address = new LinkedHashMap<>();
                    put(address, "formatted", data.address());
                    put(address, "street_address", s.streetAddress());
                    put(address, "locality", s.locality());
                    put(address, "region", s.region());
                    put(address, "postal_code", s.postalCode());
                    put(address, "country", s.country());
                    if (!address.isEmpty()) {
                        claims.put(name, address);
                    }
                }
                default -> {
                }
            }
        }
        return claims;
    }

    private static void put(Map<String, Object> claims, String name, Object value) {
        if (value != null && !(value instanceof String text && text.isEmpty())) {
            claims.put(name, value);
        }
    }
}
