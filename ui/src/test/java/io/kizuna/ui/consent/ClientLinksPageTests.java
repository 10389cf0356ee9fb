package io.kizuna.ui.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks;
import io.kizuna.ui.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

/**
 * OIDC DCR §2 / RFC 7591 §2 {@code logo_uri}, {@code policy_uri}, {@code tos_uri} and {@code client_uri} on
 * the consent page and on the sign-in page of an authorization request.
 */
class ClientLinksPageTests extends PageTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.kizuna.ui.fakes.FakeDeviceAuthorizations devices;

    @org.springframework.beans.factory.annotation.Autowired
    io.kizuna.ui.fakes.FakeBackchannelAuthentications ciba;

    private static final ClientLinks LINKS = new ClientLinks("https://cdn.shop.example.jp:8443/logo.png",
            "https://shop.example.jp/privacy", "https://shop.example.jp/terms");

    @Test
    @DisplayName("OIDC DCR §2: the consent page shows the logo (no referrer, alt = app), policy and terms links "
            + "in both languages, and its CSP lets in only the logo's origin as an image source")
    void oidcDcr_2_consentShowsLogoPolicyAndTerms() throws Exception {
        for (String language : new String[] {EN, JA}) {
            authorizationRequests.addWithLinks("req-l", "https://shop.example.jp", LINKS);
            MvcResult result = mvc.perform(get("/consent?request=req-l").cookie(sessionCookie())
                    .header(HttpHeaders.ACCEPT_LANGUAGE, language)).andExpect(status().isOk()).andReturn();
            Document page = html(result);
            assertAccessible(page, language);
            assertThat(page.select("#client-logo").attr("src")).isEqualTo(LINKS.logoUri());
            assertThat(page.select("#client-logo").attr("referrerpolicy")).isEqualTo("no-referrer");
            assertThat(page.select("#client-logo").attr("alt"))
                    .isEqualTo(EN.equals(language) ? "Example Shop logo" : "Example Shop のロゴ");
            assertThat(page.select("#client-policy").attr("href")).isEqualTo(LINKS.policyUri());
            assertThat(page.select("#client-policy").attr("rel")).isEqualTo("noopener noreferrer");
            assertThat(page.select("#client-policy").text()).startsWith(EN.equals(language)
                    ? "Privacy policy of Example Shop" : "Example Shop のプライバシーポリシー");
            assertThat(page.select("#client-tos").attr("href")).isEqualTo(LINKS.tosUri());
            assertThat(page.select("#client-tos").attr("rel")).isEqualTo("noopener noreferrer");
            assertThat(page.select("#client-tos").text()).startsWith(EN.equals(language)
                    ? "Terms of service of Example Shop" : "Example Shop の利用規約");
            assertThat(page.select("#site-uri a").attr("href")).isEqualTo("https://shop.example.jp");
            String csp = result.getResponse().getHeader("Content-Security-Policy");
            assertThat(csp).contains("img-src 'self' data: https://cdn.shop.example.jp:8443;")
                    .contains("default-src 'self';").doesNotContain("script-src");
        }
    }

    @Test
    @DisplayName("OIDC DCR §2: a client without logo, policy or terms gets the page and the policy as before")
    void oidcDcr_2_withoutLinksThePageIsAsBefore() throws Exception {
        authorizationRequests.addWithLinks("req-n", null, null);
        MvcResult result = mvc.perform(get("/consent?request=req-n").cookie(sessionCookie()))
                .andExpect(status().isOk()).andReturn();
        Document page = html(result);
        assertThat(page.select("#client-logo, #client-links, #site-uri")).isEmpty();
        assertThat(result.getResponse().getHeader("Content-Security-Policy"))
                .isEqualTo(io.kizuna.ui.web.SecurityHeadersFilter.CSP_CLIENT_REDIRECTING_FORMS);
    }

    @Test
    @DisplayName("URLs that are not http(s) (stored before the rule existed) never become a link, image or CSP source")
    void unsafeUrlsAreLeftOut() throws Exception {
        authorizationRequests.addWithLinks("req-x", "javascript:alert(1)",
                new ClientLinks("data:image/png;base64,AAAA", "javascript:alert(2)", "https://user@shop.example.jp/t"));
        MvcResult result = mvc.perform(get("/consent?request=req-x").cookie(sessionCookie()))
                .andExpect(status().isOk()).andReturn();
        Document page = html(result);
        assertThat(page.select("#client-logo, #client-links, #site-uri a")).isEmpty();
        assertThat(page.select("#site-uri").text()).isEqualTo("javascript:alert(1)");
        assertThat(result.getResponse().getHeader("Content-Security-Policy"))
                .isEqualTo(io.kizuna.ui.web.SecurityHeadersFilter.CSP_CLIENT_REDIRECTING_FORMS);
    }

    @Test
    @DisplayName("OIDC DCR §2: the sign-in page of an authorization request shows the logo and links too; "
            + "without a request it shows none")
    void oidcDcr_2_signInShowsLogoAndLinks() throws Exception {
        for (String language : new String[] {EN, JA}) {
            authorizationRequests.addWithLinks("req-s", "https://shop.example.jp", LINKS);
            MvcResult result = mvc.perform(get("/signin?request=req-s")
                    .header(HttpHeaders.ACCEPT_LANGUAGE, language)).andExpect(status().isOk()).andReturn();
            Document page = html(result);
            assertAccessible(page, language);
            assertThat(page.select("#client-logo").attr("src")).isEqualTo(LINKS.logoUri());
            assertThat(page.select("#client-policy").attr("href")).isEqualTo(LINKS.policyUri());
            assertThat(page.select("#client-tos").attr("href")).isEqualTo(LINKS.tosUri());
            assertThat(result.getResponse().getHeader("Content-Security-Policy"))
                    .contains("img-src 'self' data: https://cdn.shop.example.jp:8443;");
        }
        MvcResult plain = mvc.perform(get("/signin")).andExpect(status().isOk()).andReturn();
        assertThat(html(plain).select("#client-logo, #client-links")).isEmpty();
        assertThat(plain.getResponse().getHeader("Content-Security-Policy")).contains("img-src 'self' data:;");
    }

    @Test
    @DisplayName("OIDC DCR §2 with RFC 8628 §3.3: the device confirmation page shows the logo and links too")
    void oidcDcr_2_deviceConfirmationShowsLogoAndLinks() throws Exception {
        try {
            devices.links = LINKS;
            for (String language : new String[] {EN, JA}) {
                MvcResult result = mvc.perform(get("/device?user_code=BCDF-GHJK")
                        .header(HttpHeaders.ACCEPT_LANGUAGE, language)).andExpect(status().isOk()).andReturn();
                Document page = html(result);
                assertAccessible(page, language);
                assertThat(page.select("#client-logo").attr("alt"))
                        .isEqualTo(EN.equals(language) ? "Example TV logo" : "Example TV のロゴ");
                assertThat(page.select("#client-policy").attr("href")).isEqualTo(LINKS.policyUri());
                assertThat(page.select("#client-tos").attr("href")).isEqualTo(LINKS.tosUri());
                assertThat(result.getResponse().getHeader("Content-Security-Policy"))
                        .contains("img-src 'self' data: https://cdn.shop.example.jp:8443;")
                        .contains("form-action 'self'");
            }
            devices.links = null;
            assertThat(html(mvc.perform(get("/device?user_code=BCDF-GHJK")).andReturn())
                    .select("#client-logo, #client-links")).isEmpty();
        } finally {
            devices.links = null;
        }
    }

    @Test
    @DisplayName("OIDC DCR §2 with CIBA Core §7: the approval list shows each app's logo and links, and lets "
            + "only their origins into img-src")
    void oidcDcr_2_cibaListShowsLogoAndLinks() throws Exception {
        try {
            ciba.links = LINKS;
            for (String language : new String[] {EN, JA}) {
                MvcResult result = mvc.perform(get("/account/ciba").cookie(sessionCookie())
                        .header(HttpHeaders.ACCEPT_LANGUAGE, language)).andExpect(status().isOk()).andReturn();
                Document page = html(result);
                assertAccessible(page, language);
                assertThat(page.select(".app .client-logo").attr("src")).isEqualTo(LINKS.logoUri());
                assertThat(page.select(".app .client-logo").attr("alt"))
                        .isEqualTo(EN.equals(language) ? "Example Bank logo" : "Example Bank のロゴ");
                assertThat(page.select(".app .client-policy").attr("href")).isEqualTo(LINKS.policyUri());
                assertThat(page.select(".app .client-tos").attr("rel")).isEqualTo("noopener noreferrer");
                assertThat(result.getResponse().getHeader("Content-Security-Policy"))
                        .contains("img-src 'self' data: https://cdn.shop.example.jp:8443;");
            }
            ciba.links = null;
            MvcResult plain = mvc.perform(get("/account/ciba").cookie(sessionCookie())).andReturn();
            assertThat(html(plain).select(".client-logo, .client-links")).isEmpty();
            assertThat(plain.getResponse().getHeader("Content-Security-Policy")).contains("img-src 'self' data:;");
        } finally {
            ciba.links = null;
        }
    }
}
