package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Which scopes a dynamically registered client may request (RFC 7591 §2 {@code scope}, §3.2.2
 * {@code invalid_client_metadata}): {@code kizuna.registration.allowed-scopes}; the admin API is not bound.
 */
@KizunaIntegrationTest
class RegistrationScopePolicyIT {
    @Value("${kizuna.issuer}")
    String issuer;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    static Map<String, Object> metadata(String scope) {
        return new HashMap<>(Map.of("client_name", "Scoped " + UUID.randomUUID(),
                "grant_types", List.of("client_credentials"), "scope", scope));
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: a scope outside the allow-list is invalid_client_metadata; allowed ones register")
    void requestWhenScopeNotAllowedThenInvalidClientMetadata() throws Exception {
        Api.Response refused = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata("ledger:read admin:all"));
        assertOAuthError(refused, 400, "invalid_client_metadata");
        assertThat(refused.json().get("error_description").asText()).contains("admin:all");
        Api.Response ok = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata("ledger:read api:read"));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
        assertThat(ok.json().get("scope").asText()).isEqualTo("ledger:read api:read");
    }

    @Test
    @DisplayName("RFC 7592 §2.2: an update may not widen the scope beyond the allow-list")
    void requestWhenUpdateAddsDisallowedScopeThenRefused() throws Exception {
        Api.Response ok = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata("api:read"));
        String clientId = ok.json().get("client_id").asText();
        Map<String, Object> update = metadata("api:read ledger:write");
        update.put("client_id", clientId);
        assertOAuthError(api.putJson("/oauth2/register/" + clientId, ok.json().get("registration_access_token").asText(),
                update), 400, "invalid_client_metadata");
        assertThat(api.get("/oauth2/register/" + clientId, ok.json().get("registration_access_token").asText())
                .json().get("scope").asText()).isEqualTo("api:read");
    }

    @Test
    @DisplayName("the operator's admin API is not bound by the dynamic-registration allow-list")
    void requestWhenAdminRegistersOtherScopeThenAllowed() throws Exception {
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata("admin:all"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    }
}
