package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.client.ClientLogoutSettingsChanged;
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
    @DisplayName("a ClientLogoutSettingsChanged stored before Front-Channel Logout 1.0 loads with no front-channel URI")
    void requestWhenLogoutSettingsEventWithoutFrontChannelLoadedThenNone() {
        String stored = """
                {"clientId":"www-demo","postLogoutRedirectUris":["http://localhost:8081/signed-out"],
                 "backchannelLogoutUri":"http://localhost:8081/backchannel-logout",
                 "backchannelLogoutSessionRequired":true,"changedAt":"2026-11-28T03:00:00Z"}""";
        ClientLogoutSettingsChanged event = serializer.deserialize(new SimpleSerializedObject<>(
                stored.getBytes(StandardCharsets.UTF_8), byte[].class, ClientLogoutSettingsChanged.class.getName(), "1"));
        assertThat(event.backchannelLogoutUri()).isEqualTo("http://localhost:8081/backchannel-logout");
        assertThat(event.backchannelLogoutSessionRequired()).isTrue();
        assertThat(event.frontchannelLogoutUri()).isNull();
        assertThat(event.frontchannelLogoutSessionRequired()).isNull();
        assertThat(event.frontchannelLogoutSessionRequiredOrDefault()).isFalse();
    }

    @Test
    @DisplayName("a ClientLogoutSettingsChanged with the Front-Channel Logout fields round-trips through the serializer")
    void requestWhenLogoutSettingsEventWithFrontChannelThenRoundTrips() {
        ClientLogoutSettingsChanged written = new ClientLogoutSettingsChanged(new io.kizuna.api.client.ClientId("web"),
                java.util.List.of(), null, false, java.time.Instant.parse("2026-11-30T03:00:00Z"),
                "https://rp.example.jp/fc?x=1", true);
        org.axonframework.serialization.SerializedObject<byte[]> bytes = serializer.serialize(written, byte[].class);
        assertThat(new String(bytes.getData(), StandardCharsets.UTF_8)).contains("\"frontchannelLogoutUri\"");
        assertThat((Object) serializer.deserialize(bytes)).isEqualTo(written);
    }

    @Test
    @DisplayName("a ClientRegistered written by a newer version, with a field unknown here, still loads (rolling update)")
    void requestWhenNewerEventLoadedThenUnknownFieldIgnored() {
        ClientRegistered event = load(SKELETON_CLIENT_REGISTERED.replace("\"siteUri\"",
                "\"someFutureField\":{\"x\":1},\"siteUri\""));
        assertThat(event.siteUri()).isEqualTo("http://localhost:8081");
    }
}
