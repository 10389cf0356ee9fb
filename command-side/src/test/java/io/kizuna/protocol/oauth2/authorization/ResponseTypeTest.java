package io.kizuna.protocol.oauth2.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResponseTypeTest {

    @Test
    @DisplayName("Multiple Response Types §3: the values are a set, in any order; OIDC Core §3 names seven combinations")
    void parsesAnyOrderToCanonical() {
        assertThat(ResponseType.parse("token id_token code").orElseThrow().value()).isEqualTo("code id_token token");
        assertThat(ResponseType.parse("id_token").orElseThrow()).isEqualTo(new ResponseType(false, false, true));
        assertThat(ResponseType.SUPPORTED).allSatisfy(v -> assertThat(ResponseType.parse(v).orElseThrow().value())
                .isEqualTo(v));
    }

    @Test
    @DisplayName("RFC 6749 §3.1.1: unknown, repeated, empty or 'none' values are not supported")
    void refusesUnknownValues() {
        assertThat(ResponseType.parse("code code")).isEmpty();
        assertThat(ResponseType.parse("none")).isEmpty();
        assertThat(ResponseType.parse("code id_token_x")).isEmpty();
        assertThat(ResponseType.parse("")).isEmpty();
        assertThat(ResponseType.parse(null)).isEmpty();
    }

    @Test
    @DisplayName("Multiple Response Types §5: fragment is the default for every type returning a token, query for code")
    void defaultModes() {
        assertThat(ResponseType.CODE.defaultResponseMode()).isEqualTo("query");
        assertThat(ResponseType.parse("code id_token").orElseThrow().defaultResponseMode()).isEqualTo("fragment");
        assertThat(ResponseType.parse("token").orElseThrow().defaultResponseMode()).isEqualTo("fragment");
    }

    @Test
    @DisplayName("OIDC DCR §2: code needs authorization_code, token/id_token need implicit, hybrid needs both")
    void requiredGrantTypes() {
        assertThat(ResponseType.parse("code token").orElseThrow().requiredGrantTypes())
                .containsExactly("authorization_code", "implicit");
        assertThat(ResponseType.allowedBy(List.of("authorization_code", "refresh_token"))).containsExactly("code");
        assertThat(ResponseType.allowedBy(List.of("implicit"))).containsExactly("token", "id_token", "id_token token");
        assertThat(ResponseType.allowedBy(List.of("authorization_code", "implicit"))).isEqualTo(ResponseType.SUPPORTED);
    }
}
