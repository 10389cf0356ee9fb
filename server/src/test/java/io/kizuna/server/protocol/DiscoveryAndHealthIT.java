package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

@KizunaIntegrationTest
class DiscoveryAndHealthIT {

    @Value("${kizuna.issuer}")
    String issuer;

    @Test
    @DisplayName("OIDC Discovery §4 / RFC 8414 §3: metadata names this issuer and its endpoints")
    void requestWhenDiscoveryThenMetadataMatchesIssuer() throws Exception {
        Api api = new Api(issuer);
        for (String path : new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
            JsonNode m = api.get(path, null).json();
            assertThat(m.get("issuer").asText()).isEqualTo(issuer);
            assertThat(m.get("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");
            assertThat(m.get("jwks_uri").asText()).isEqualTo(issuer + "/oauth2/jwks");
            assertThat(m.get("revocation_endpoint").asText()).isEqualTo(issuer + "/oauth2/revoke");
            assertThat(m.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
            assertThat(m.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        }
        JsonNode jwks = api.get("/oauth2/jwks", null).json();
        assertThat(jwks.get("keys").get(0).get("kty").asText()).isEqualTo("EC");
        assertThat(jwks.get("keys").get(0).has("d")).as("no private key material").isFalse();
    }

    @Test
    @DisplayName("/actuator/health shows the event store, Kafka and Elasticsearch, each UP")
    void requestWhenHealthThenEachComponentIsUp() throws Exception {
        JsonNode health = new Api(issuer).get("/actuator/health", null).json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        for (String component : new String[] {"eventStore", "kafka", "elasticsearch"}) {
            assertThat(health.get("components").get(component).get("status").asText()).as(component).isEqualTo("UP");
        }
    }
}
