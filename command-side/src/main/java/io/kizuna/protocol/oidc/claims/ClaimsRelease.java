package io.kizuna.protocol.oidc.claims;

import io.kizuna.api.member.PersonalData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which member claims an authorization releases (OIDC Core §5.4 and §5.5).
 *
 * <ul>
 *   <li>By scope (§5.4): every claim of the granted {@code profile}, {@code email}, {@code address} and
 *   {@code phone} scopes at UserInfo; in the ID token only when no access token is issued
 *   ({@code response_type=id_token}).</li>
 *   <li>By {@code claims} request (§5.5): the {@code userinfo} member's claims at UserInfo and the {@code id_token}
 *   member's in the ID token. A requested claim that no granted scope covers ({@link #beyondScope}) is released
 *   only when the member approved it: the consent screen lists it by name (marking the essential ones), and the
 *   approval is recorded in the grant (claim names only, never values). Declining refuses the whole request.</li>
 *   <li>{@code value}/{@code values} (§5.5.1): such a claim is released through the claims request only when the
 *   member's value is one of them when the member approves; {@code essential} is shown on the consent screen and
 *   does not fail the request when the member has no such value (§5.5.1: not an error condition).</li>
 *   <li>Unknown claims and non-member claims ({@code acr}, {@code auth_time}, …) are ignored here.</li>
 * </ul>
 */
public final class ClaimsRelease {
    private ClaimsRelease() {
    }

    /** The member claims requested (either member) that no granted scope covers, in request order. */
    public static List<String> beyondScope(ClaimsRequest request, Collection<String> grantedScopes) {
        if (request == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : concat(request.userinfoClaims(), request.idTokenClaims())) {
            String scope = MemberClaimNames.scopeOf(name);
            if (scope != null && !grantedScopes.contains(scope)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** Of {@link #beyondScope}, those requested with {@code "essential": true} in either member. */
    public static List<String> essentialBeyondScope(ClaimsRequest request, Collection<String> grantedScopes) {
        return beyondScope(request, grantedScopes).stream().filter(name -> spec(request.userinfoSpecs(), name)
                .essential() || spec(request.idTokenSpecs(), name).essential()).toList();
    }

    /**
     * The claims the ID token carries: with no access token issued, the granted scopes' claims and the
     * {@code userinfo} member's too (there is no UserInfo to ask, §5.4); always the {@code id_token} member's.
     */
    public static List<String> idTokenClaims(ClaimsRequest request, Collection<String> grantedScopes,
                                             boolean withoutAccessToken, PersonalData member) {
        Set<String> names = new LinkedHashSet<>();
        if (withoutAccessToken) {
            names.addAll(MemberClaimNames.ofScopes(grantedScopes));
        }
        if (request != null) {
            names.addAll(requested(request.idTokenSpecs(), member));
            if (withoutAccessToken) {
                names.addAll(requested(request.userinfoSpecs(), member));
            }
        }
        return List.copyOf(names);
    }

    /**
     * The claims UserInfo releases beyond the granted scopes' for this grant: the {@code userinfo} member's claims
     * the member approved individually (the scope-covered ones UserInfo releases anyway).
     */
    public static List<String> userinfoClaimsBeyondScope(ClaimsRequest request, Collection<String> grantedScopes,
                                                         PersonalData member) {
        if (request == null) {
            return List.of();
        }
        return requested(request.userinfoSpecs(), member).stream()
                .filter(name -> !grantedScopes.contains(MemberClaimNames.scopeOf(name))).toList();
    }

    /** What UserInfo answers (besides {@code sub}): the scopes' claims and those the grant approved one by one. */
    public static List<String> userinfoClaims(Collection<String> grantedScopes, Collection<String> approvedBeyond) {
        Set<String> names = new LinkedHashSet<>(MemberClaimNames.ofScopes(grantedScopes));
        for (String name : approvedBeyond) {
            if (MemberClaimNames.isMemberClaim(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The requested member claims in request order, decided at approval time: covered by a granted scope, or
     * beyond it and approved with the rest of the request (the consent screen listed them).
     */
    private static List<String> requested(Map<String, ClaimsRequest.Spec> specs, PersonalData member) {
        List<String> names = new ArrayList<>();
        specs.forEach((name, spec) -> {
            if (!MemberClaimNames.isMemberClaim(name)) {
                return;
            }
            if (!spec.values().isEmpty()
                    && !spec.accepts(MemberClaimNames.values(member, List.of(name)).get(name))) {
                return; // §5.5.1 value/values: the member's value is not one the client asked for
            }
            names.add(name);
        });
        return names;
    }

    private static ClaimsRequest.Spec spec(Map<String, ClaimsRequest.Spec> specs, String name) {
        return specs.getOrDefault(name, ClaimsRequest.Spec.ANY);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
