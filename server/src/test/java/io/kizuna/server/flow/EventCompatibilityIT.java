package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.client.ClientRegistered;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Events evolve additively so that old and new nodes run side by side (rolling updates): checked with
 * the event serializer the application really uses, on stored JSON.
 */
@KizunaIntegrationTest
class EventCompatibilityIT {
    /** A client.registered event as the skeleton stored it, before access_token_format and jwks. */
    static final String SKELETON_CLIENT_REGISTERED = """
            {"clientId":"www-demo","name":"www.example.jp (demo)","type":"CONFIDENTIAL","secretHash":"aGFzaA",
             "tokenEndpointAuthMethod":"client_secret_basic","redirectUris":["http://localhost:8081/callback"],
             "grantTypes":["authorization_code","refresh_token"],"scopes":["openid"],
             "siteUri":"http://localhost:8081","registeredAt":"2026-11-26T03:00:00Z"}""";

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    ClientRegistered load(String json) {
        return serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                ClientRegistered.class.getName(), "1"));
    }

    @Test
    @DisplayName("a ClientRegistered stored before access_token_format and jwks loads on this version, meaning jwt")
    void requestWhenSkeletonEventLoadedThenDefaultsApply() {
        ClientRegistered event = load(SKELETON_CLIENT_REGISTERED);
        assertThat(event.clientId().value()).isEqualTo("www-demo");
        assertThat(event.accessTokenFormatOrDefault()).isEqualTo("jwt");
        assertThat(event.jwks()).isNull();
    }

    @Test
    @DisplayName("a ClientRegistered written by a newer version, with a field unknown here, still loads (rolling update)")
    void requestWhenNewerEventLoadedThenUnknownFieldIgnored() {
        ClientRegistered event = load(SKELETON_CLIENT_REGISTERED.replace("\"siteUri\"",
                "\"someFutureField\":{\"x\":1},\"siteUri\""));
        assertThat(event.siteUri()).isEqualTo("http://localhost:8081");
    }
}
