package io.kizuna.protocol.oauth2.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.authorization.AuthorizationRequestService.ClientResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthorizationResponsesTest {
    static final String ISSUER = "https://id.example.jp";

    @Test
    @DisplayName("Multiple Response Types §2.1: query keeps the registered URI's query; fragment puts everything after #")
    void queryAndFragment() {
        assertThat(AuthorizationResponses.respond("https://rp.example/cb?x=1", "query", Map.of("code", "c/1"), "s 1",
                ISSUER).location()).isEqualTo("https://rp.example/cb?x=1&code=c%2F1&state=s+1&iss=https%3A%2F%2Fid.example.jp");
        assertThat(AuthorizationResponses.respond("https://rp.example/cb", "fragment", Map.of("id_token", "a.b.c"), null,
                ISSUER).location()).isEqualTo("https://rp.example/cb#id_token=a.b.c&iss=https%3A%2F%2Fid.example.jp");
    }

    @Test
    @DisplayName("Form Post Response Mode §2: an escaped auto-submitting form, its one script allowed by hash, a noscript button")
    void formPost() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", "abc");
        params.put("error_description", "\"><script>alert(1)</script>");
        ClientResponse r = AuthorizationResponses.respond("https://rp.example/cb?a=1&b=2", "form_post", params, "st",
                ISSUER);
        assertThat(r.formPost()).isTrue();
        assertThat(r.location()).isNull();
        assertThat(r.html()).contains("<form method=\"post\" action=\"https://rp.example/cb?a=1&amp;b=2\">")
                .contains("<input type=\"hidden\" name=\"code\" value=\"abc\">")
                .contains("<input type=\"hidden\" name=\"state\" value=\"st\">")
                .contains("<input type=\"hidden\" name=\"iss\" value=\"https://id.example.jp\">")
                .doesNotContain("<script>alert(1)")
                .contains("<noscript>").contains("<button type=\"submit\">");
        String script = r.html().substring(r.html().lastIndexOf("<script>") + 8, r.html().lastIndexOf("</script>"));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.contentSecurityPolicy()).contains("default-src 'none'").contains("script-src 'sha256-" + hash + "'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
    }
}
