package io.kizuna.ui.logout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeLogoutService;
import io.kizuna.ui.fakes.FakeSignInService;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/** The confirmation page of OpenID Connect RP-Initiated Logout 1.0. */
class LogoutPageTests extends PageTestSupport {

    @Autowired
    FakeLogoutService logouts;

    @BeforeEach
    void resetLogouts() {
        logouts.reset();
    }

    @Nested
    @DisplayName("RP-Initiated Logout §2: the OP asks the End-User whether to log out")
    class Section2Confirmation {
        @Test
        @DisplayName("a signed-in member is asked, in English and Japanese, with a CSRF-protected form")
        void requestWhenSignedInThenConfirmationPage() throws Exception {
            Document en = html(mvc.perform(get("/logout?request=" + FakeLogoutService.PLAIN).cookie(sessionCookie())
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andExpect(status().isOk()).andReturn());
            assertAccessible(en, EN);
            assertThat(en.select("h1").text()).isEqualTo("Sign out of Kizuna?");
            assertThat(en.select("#logout-client").text()).isEqualTo("Example Shop asks to sign you out.");
            assertThat(en.select("form.decision input[name=_csrf]")).hasSize(1);
            assertThat(en.select("form.decision input[name=request]").val()).isEqualTo(FakeLogoutService.PLAIN);
            Document ja = html(mvc.perform(get("/logout?request=" + FakeLogoutService.PLAIN).cookie(sessionCookie())
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "ja")).andExpect(status().isOk()).andReturn());
            assertAccessible(ja, JA);
            assertThat(ja.select("#logout-confirm").text()).isEqualTo("ログアウトする");
            assertThat(logouts.completed).isEmpty();
        }

        @Test
        @DisplayName("an id_token_hint naming this very session signs out without asking")
        void requestWhenHintMatchesSessionThenNoConfirmation() throws Exception {
            mvc.perform(get("/logout?request=" + FakeLogoutService.MATCHING).cookie(sessionCookie()))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, FakeLogoutService.REDIRECT));
            assertThat(logouts.completed).containsExactly(FakeLogoutService.MATCHING + "/" + FakeSignInService.SESSION);
        }

        @Test
        @DisplayName("the form without the CSRF token is refused and signs nobody out")
        void requestWhenNoCsrfThenRefused() throws Exception {
            int status = mvc.perform(post("/logout").cookie(sessionCookie()).param("request", FakeLogoutService.PLAIN)
                    .param("decision", "logout")).andReturn().getResponse().getStatus();
            assertThat(status).isEqualTo(403);
            assertThat(logouts.completed).isEmpty();
        }

        @Test
        @DisplayName("confirming signs out and goes on to the registered post_logout_redirect_uri (§3)")
        void requestWhenConfirmedThenRedirect() throws Exception {
            mvc.perform(postForm("/logout", csrf(), sessionCookie()).param("request", FakeLogoutService.PLAIN)
                            .param("decision", "logout"))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, FakeLogoutService.REDIRECT));
            assertThat(logouts.completed).hasSize(1);
        }

        @Test
        @DisplayName("staying signed in ends nothing")
        void requestWhenStayThenNothingEnds() throws Exception {
            Document page = html(mvc.perform(postForm("/logout", csrf(), sessionCookie())
                    .param("request", FakeLogoutService.PLAIN).param("decision", "stay")
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andExpect(status().isOk()).andReturn());
            assertThat(page.select("h1").text()).isEqualTo("You are still signed in");
            assertThat(logouts.completed).isEmpty();
            assertThat(logouts.cancelled).containsExactly(FakeLogoutService.PLAIN);
        }

        @Test
        @DisplayName("without a post-logout redirect the signed-out page is shown")
        void requestWhenNoRedirectThenSignedOutPage() throws Exception {
            Document page = html(mvc.perform(postForm("/logout", csrf(), sessionCookie())
                    .param("request", FakeLogoutService.NO_REDIRECT).param("decision", "logout")
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "ja")).andExpect(status().isOk()).andReturn());
            assertAccessible(page, JA);
            assertThat(page.select("h1").text()).isEqualTo("ログアウトしました");
        }

        @Test
        @DisplayName("an unknown or expired request is a 400 page, never a redirect")
        void requestWhenUnknownThenInvalidPage() throws Exception {
            Document page = html(mvc.perform(get("/logout?request=nope").cookie(sessionCookie())
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andExpect(status().isBadRequest()).andReturn());
            assertThat(page.select("h1").text()).contains("expired");
        }
    }

    @Nested
    @DisplayName("Front-Channel Logout §4: the OP renders the RPs' frontchannel_logout_uris in iframes")
    class FrontChannelSection4 {
        @Test
        @DisplayName("the signed-out page frames each RP, hidden and titled, under a CSP frame-src of exactly their "
                + "origins, with a continue link and a same-origin script (Japanese and English, accessible)")
        void requestWhenFramesThenPageFramesThemAndContinues() throws Exception {
            for (String language : new String[] {JA, EN}) {
                logouts.reset();
                org.springframework.test.web.servlet.MvcResult result = mvc.perform(
                        get("/logout?request=" + FakeLogoutService.FRONT_CHANNEL).cookie(sessionCookie())
                                .header(HttpHeaders.ACCEPT_LANGUAGE, language))
                        .andExpect(status().isOk()).andReturn();
                Document page = html(result);
                assertAccessible(page, language);
                assertThat(page.select("iframe.frontchannel-logout").eachAttr("src")).containsExactly(
                        FakeLogoutService.FRAMES.get(0).src(), FakeLogoutService.FRAMES.get(1).src());
                assertThat(page.select("iframe.frontchannel-logout").eachAttr("title")).allSatisfy(
                        title -> assertThat(title).isNotBlank());
                assertThat(page.select("iframe.frontchannel-logout").eachAttr("aria-hidden")).containsOnly("true");
                assertThat(page.selectFirst("a#logout-continue").attr("href")).isEqualTo(FakeLogoutService.REDIRECT);
                assertThat(page.select("script[src]").eachAttr("src")).containsExactly("/js/frontchannel-logout.js");
                assertThat(result.getResponse().getHeader("Content-Security-Policy")).isEqualTo(
                        io.kizuna.ui.web.SecurityHeadersFilter.CSP_CLIENT_REDIRECTING_FORMS
                                + "; frame-src https://news.example.jp:8443 https://shop.example.jp");
                assertThat(page.selectFirst("#logout-continue").text()).isEqualTo(
                        language.equals(JA) ? "サイトに進む" : "Continue to the site");
            }
        }

        @Test
        @DisplayName("the script that continues is served same-origin and waits for the window's load event")
        void requestWhenScriptThenServed() throws Exception {
            String js = mvc.perform(get("/js/frontchannel-logout.js")).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString();
            assertThat(js).contains("addEventListener('load'", "logout-continue", "data-timeout-ms");
        }
    }
}
