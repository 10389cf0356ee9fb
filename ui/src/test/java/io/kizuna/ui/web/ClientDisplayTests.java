package io.kizuna.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The logo origin that may enter a page's img-src (OIDC DCR §2 logo_uri), and nothing else. */
class ClientDisplayTests {

    @Test
    @DisplayName("the logo's origin is scheme://host[:port], lower-cased, without path, query or fragment")
    void logoOrigin() {
        assertThat(ClientDisplay.of("A", null, new ClientLinks("https://CDN.Example.jp/a/logo.png?v=1#x", null, null))
                .logoOrigin()).isEqualTo("https://cdn.example.jp");
        assertThat(ClientDisplay.of("A", null, new ClientLinks("http://[::1]:8099/logo.png", null, null))
                .logoOrigin()).isEqualTo("http://[::1]:8099");
        assertThat(ClientDisplay.of("A", null, null).logoOrigin()).isNull();
    }

    @Test
    @DisplayName("values that could break out of img-src (quotes, semicolons, spaces, other schemes) are never shown")
    void unsafeValuesDropped() {
        for (String bad : new String[] {"https://a.example;script-src *", "https://a.example/ x", "'unsafe-inline'",
                "javascript:alert(1)", "data:image/png;base64,AA", "https://u@a.example/l.png", "//a.example/l.png"}) {
            ClientDisplay display = ClientDisplay.of("A", bad, new ClientLinks(bad, bad, bad));
            assertThat(display.logoUri()).as(bad).isNull();
            assertThat(display.policyUri()).as(bad).isNull();
            assertThat(display.siteUri()).as(bad).isNull();
            assertThat(display.logoOrigin()).as(bad).isNull();
        }
    }

    @Test
    @DisplayName("only img-src changes, and only with bare origins")
    void withImageSource() {
        assertThat(SecurityHeadersFilter.withImageSource(SecurityHeadersFilter.CSP_CLIENT_REDIRECTING_FORMS,
                "https://cdn.example.jp http://127.0.0.1:8099")).isEqualTo(
                "default-src 'self'; img-src 'self' data: https://cdn.example.jp http://127.0.0.1:8099; "
                        + "base-uri 'none'; frame-ancestors 'none'");
        assertThatThrownBy(() -> SecurityHeadersFilter.withImageSource(SecurityHeadersFilter.CSP,
                "https://a.example; script-src *")).isInstanceOf(IllegalArgumentException.class);
    }
}
