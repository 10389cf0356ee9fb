package io.kizuna.protocol.oauth2.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.config.KizunaProperties;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oauth2.resource.ResourceServerProperties;
import io.kizuna.protocol.oauth2.resource.ResourceServers;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegistrationScopePolicyTest {
    static final ResourceServers SERVERS = new ResourceServers(new ResourceServerProperties(List.of(
            new ResourceServerProperties.ResourceServer("https://api.kizuna.example", List.of("api:read", "api:write"),
                    List.of()))), new KizunaProperties(null, null, null, false, null));

    @Test
    @DisplayName("by default: the OpenID Connect scopes and every configured resource server's scopes")
    void defaultAllowsOidcAndResourceScopes() {
        RegistrationScopePolicy policy = new RegistrationScopePolicy(List.of(), SERVERS);
        assertThat(policy.allowed()).containsExactlyInAnyOrder("openid", "profile", "email", "phone", "address",
                "offline_access",
                "api:read", "api:write");
        assertThat(policy.check(List.of("openid", "api:read"))).containsExactly("openid", "api:read");
        assertThatThrownBy(() -> policy.check(List.of("openid", "admin")))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_client_metadata");
                    assertThat(e.description()).contains("admin");
                });
    }

    @Test
    @DisplayName("a configured allow-list replaces the default")
    void configuredListReplacesDefault() {
        RegistrationScopePolicy policy = new RegistrationScopePolicy(List.of("openid", " custom "), SERVERS);
        assertThat(policy.allowed()).containsExactlyInAnyOrder("openid", "custom");
        assertThatThrownBy(() -> policy.check(List.of("api:read"))).isInstanceOf(OAuthException.class);
    }
}
