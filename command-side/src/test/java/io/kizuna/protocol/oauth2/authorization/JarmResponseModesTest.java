package io.kizuna.protocol.oauth2.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.authorization.AuthorizationRequestService.ClientResponse;
import io.kizuna.protocol.oauth2.OAuthParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** JARM §2.3: how the response JWT travels, and which mode an error goes back in. */
class JarmResponseModesTest {
    static final String JWT = "eyJhbGciOiJQUzI1NiJ9.eyJjb2RlIjoiYyJ9.c2ln";
    static final ResponseType CODE = ResponseType.CODE;
    static final ResponseType CODE_ID_TOKEN = ResponseType.parse("code id_token").orElseThrow();

    @Test
    @DisplayName("JARM §2.3.4: jwt is query.jwt for code and fragment.jwt for every type returning tokens")
    void jarm_2_3_4_jwtDefault() {
        assertThat(AuthorizationResponses.resolve("jwt", CODE)).isEqualTo("query.jwt");
        for (String type : ResponseType.SUPPORTED) {
            ResponseType t = ResponseType.parse(type).orElseThrow();
            assertThat(AuthorizationResponses.resolve("jwt", t)).isEqualTo(t.frontChannelTokens() ? "fragment.jwt"
                    : "query.jwt");
        }
        assertThat(AuthorizationResponses.resolve("form_post.jwt", CODE_ID_TOKEN)).isEqualTo("form_post.jwt");
        assertThat(AuthorizationResponses.resolve("query", CODE)).isEqualTo("query");
        assertThat(AuthorizationResponses.isJwt("jwt")).isTrue();
        assertThat(AuthorizationResponses.isJwt("form_post")).isFalse();
        assertThat(AuthorizationResponses.isJwt(null)).isFalse();
    }

    @Test
    @DisplayName("JARM §2.3.1: query.jwt puts only response=<JWT> in the query, keeping the registered URI's query")
    void jarm_2_3_1_queryJwt() {
        assertThat(AuthorizationResponses.respondWithJwt("https://rp.example/cb?x=1", "query.jwt", JWT).location())
                .isEqualTo("https://rp.example/cb?x=1&response=" + JWT);
    }

    @Test
    @DisplayName("JARM §2.3.2: fragment.jwt puts only response=<JWT> in the fragment")
    void jarm_2_3_2_fragmentJwt() {
        assertThat(AuthorizationResponses.respondWithJwt("https://rp.example/cb", "fragment.jwt", JWT).location())
                .isEqualTo("https://rp.example/cb#response=" + JWT);
    }

    @Test
    @DisplayName("JARM §2.3.3: form_post.jwt posts one hidden field, response, with the form_post page's policy")
    void jarm_2_3_3_formPostJwt() {
        ClientResponse r = AuthorizationResponses.respondWithJwt("https://rp.example/cb", "form_post.jwt", JWT);
        assertThat(r.formPost()).isTrue();
        assertThat(r.html()).contains("<input type=\"hidden\" name=\"response\" value=\"" + JWT + "\">")
                .doesNotContain("name=\"iss\"").doesNotContain("name=\"code\"");
        assertThat(r.contentSecurityPolicy()).contains("script-src '" + AuthorizationResponses.AUTO_SUBMIT_HASH + "'");
        assertThatThrownBy(() -> AuthorizationResponses.respondWithJwt("https://rp.example/cb", "jwt", JWT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("JARM §2.3 errors: the asked JWT mode, jwt resolved; query.jwt with tokens falls back to fragment.jwt unless encrypted")
    void jarm_2_3_errorModes() {
        assertThat(AuthorizationEndpoint.errorMode(params("code", "jwt"), false)).isEqualTo("query.jwt");
        assertThat(AuthorizationEndpoint.errorMode(params("code id_token", "jwt"), false)).isEqualTo("fragment.jwt");
        assertThat(AuthorizationEndpoint.errorMode(params("code id_token", "query.jwt"), false)).isEqualTo("fragment.jwt");
        assertThat(AuthorizationEndpoint.errorMode(params("code id_token", "query.jwt"), true)).isEqualTo("query.jwt");
        assertThat(AuthorizationEndpoint.errorMode(params("code", "form_post.jwt"), false)).isEqualTo("form_post.jwt");
        assertThat(AuthorizationEndpoint.errorMode(params("nonsense", "jwt"), false)).isEqualTo("query.jwt");
        assertThat(AuthorizationEndpoint.errorMode(params("id_token", "query"), false)).isEqualTo("fragment");
        assertThat(AuthorizationEndpoint.errorMode(params("code", "bogus.jwt"), false)).isEqualTo("query");
    }

    private static OAuthParameters params(String responseType, String responseMode) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("response_type", responseType);
        map.put("response_mode", responseMode);
        return OAuthParameters.of(map, Map.of());
    }
}
