package io.kizuna.protocol.oauth2.registration;

import io.kizuna.protocol.oauth2.resource.ResourceServers;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which scopes a dynamically registered client may ask for (RFC 7591 §2 {@code scope}; §3.2.2: the
 * server may refuse metadata values): {@code kizuna.registration.allowed-scopes}, by default the OpenID
 * Connect scopes ({@code openid profile email phone address offline_access}) plus every scope of a configured resource
 * server. A registration or RFC 7592 update asking for any other scope is refused with
 * {@code invalid_client_metadata}. The admin API is not bound by it.
 */
@Component
public class RegistrationScopePolicy {
    static final List<String> OIDC_SCOPES = List.of("openid", "profile", "email", "phone", "address", "offline_access");
    private final Set<String> allowed;

    public RegistrationScopePolicy(@Value("${kizuna.registration.allowed-scopes:}") List<String> configured,
                                   ResourceServers resourceServers) {
        Set<String> scopes = new LinkedHashSet<>();
        if (configured == null || configured.stream().allMatch(String::isBlank)) {
            scopes.addAll(OIDC_SCOPES);
            scopes.addAll(resourceServers.scopes());
        } else {
            configured.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(scopes::add);
        }
        this.allowed = Set.copyOf(scopes);
    }

    /** Returns {@code scopes} when every one is allowed; otherwise an {@code invalid_client_metadata} error. */
    List<String> check(List<String> scopes) {
        List<String> refused = scopes.stream().filter(scope -> !allowed.contains(scope)).toList();
        if (!refused.isEmpty()) {
            throw RegistrationErrors.invalidMetadata("a dynamically registered client may not request the scope "
                    + String.join(" ", refused) + " (allowed: " + String.join(" ", allowed.stream().sorted().toList()) + ")");
        }
        return scopes;
    }

    public Set<String> allowed() {
        return allowed;
    }
}
