package io.kizuna.grant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientTokenSettingsChanged;
import io.kizuna.api.grant.AccessTokenIssued;
import io.kizuna.api.grant.AuthorizationCodeIssued;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RefreshTokenIssued;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The DPoP fields (RFC 9449 §5, §6, §10: {@code jkt}, {@code dpopJkt}, {@code dpopBoundAccessTokens}) were
 * added to recorded event types without a new revision: events stored before them must still load, as
 * unbound, and the fields must survive a round trip.
 */
class DPoPEventCompatibilityTest {
    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final String JKT = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";

    final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    <T> T storedWithout(T event, String field) throws Exception {
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        ObjectNode old = (ObjectNode) mapper.readTree(stored.getData());
        assertThat(old.has(field)).as(field + " is stored").isTrue();
        old.remove(field);
        return serializer.deserialize(new SimpleSerializedObject<>(mapper.writeValueAsBytes(old), byte[].class,
                event.getClass().getName(), "1"));
    }

    <T> T roundTrip(T event) {
        return serializer.deserialize(serializer.serialize(event, byte[].class));
    }

    @Test
    @DisplayName("RFC 9449 §6: an AccessTokenIssued from before DPoP loads as a Bearer token; a bound one keeps its jkt")
    void accessTokenIssuedWithoutJktThenUnbound() throws Exception {
        AccessTokenIssued bound = new AccessTokenIssued(new GrantId("g"), new ClientId("c"), new MemberId("m"),
                "authorization_code", "jwt", "hash", "jti", List.of("openid"), "https://id.example", NOW,
                NOW.plusSeconds(600), JKT);
        assertThat(roundTrip(bound)).isEqualTo(bound);
        AccessTokenIssued old = storedWithout(bound, "jkt");
        assertThat(old.jkt()).isNull();
        assertThat(old.tokenHash()).isEqualTo("hash");
    }

    @Test
    @DisplayName("RFC 9449 §5: a RefreshTokenIssued from before DPoP loads unbound")
    void refreshTokenIssuedWithoutJktThenUnbound() throws Exception {
        RefreshTokenIssued bound = new RefreshTokenIssued(new GrantId("g"), new ClientId("c"), new MemberId("m"),
                "hash", List.of("openid"), NOW, NOW.plusSeconds(3600), JKT);
        assertThat(roundTrip(bound)).isEqualTo(bound);
        assertThat(storedWithout(bound, "jkt").jkt()).isNull();
    }

    @Test
    @DisplayName("RFC 8705 §3.1, §4: token events from before certificate binding load without x5t#S256; bound ones"
            + " keep it")
    void rfc8705_3_1_tokenEventsWithoutX5tThenUnbound() throws Exception {
        String x5t = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2";
        AccessTokenIssued access = new AccessTokenIssued(new GrantId("g"), new ClientId("c"), new MemberId("m"),
                "client_credentials", "jwt", "hash", "jti", List.of("api:read"), "https://id.example", NOW,
                NOW.plusSeconds(600), null, x5t);
        assertThat(roundTrip(access)).isEqualTo(access);
        assertThat(storedWithout(access, "x5tS256").x5tS256()).isNull();
        RefreshTokenIssued refresh = new RefreshTokenIssued(new GrantId("g"), new ClientId("c"), new MemberId("m"),
                "hash", List.of("openid"), NOW, NOW.plusSeconds(3600), null, x5t);
        assertThat(roundTrip(refresh)).isEqualTo(refresh);
        assertThat(storedWithout(refresh, "x5tS256").x5tS256()).isNull();
    }

    @Test
    @DisplayName("RFC 9449 §10: an AuthorizationCodeIssued from before dpop_jkt loads unbound")
    void authorizationCodeIssuedWithoutDpopJktThenUnbound() throws Exception {
        AuthorizationCodeIssued bound = new AuthorizationCodeIssued(new GrantId("g"), new ClientId("c"),
                new MemberId("m"), "s", "code-hash", "https://www.example.jp/cb", List.of("openid"), "challenge",
                "S256", null, List.of("pwd"), NOW, NOW, NOW.plusSeconds(60), null, JKT);
        assertThat(roundTrip(bound)).isEqualTo(bound);
        assertThat(storedWithout(bound, "dpopJkt").dpopJkt()).isNull();
    }

    @Test
    @DisplayName("RFC 9449 §5.2: a ClientTokenSettingsChanged from before dpop_bound_access_tokens loads as false")
    void tokenSettingsChangedWithoutDpopFlagThenNotRequired() throws Exception {
        ClientTokenSettingsChanged changed = new ClientTokenSettingsChanged(new ClientId("c"), "ES256", null, null,
                null, null, NOW, null, true);
        assertThat(roundTrip(changed)).isEqualTo(changed);
        ClientTokenSettingsChanged old = storedWithout(changed, "dpopBoundAccessTokens");
        assertThat(io.kizuna.client.TokenSettings.of(old).requiresDpop()).isFalse();
        assertThat(io.kizuna.client.TokenSettings.of(changed).requiresDpop()).isTrue();
    }
}
