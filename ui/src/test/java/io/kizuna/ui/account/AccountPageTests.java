package io.kizuna.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.ui.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("GET /account (connected apps)")
class AccountPageTests extends PageTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.kizuna.ui.fakes.FakeConsentService consents;

    @org.springframework.beans.factory.annotation.Autowired
    io.kizuna.ui.fakes.FakeSessionService sessions;

    @org.junit.jupiter.api.BeforeEach
    void resetConsents() {
        consents.revoked.clear();
        sessions.ended.clear();
    }

    @Test
    void requestWhenNotSignedInThenRedirectedToSignIn() throws Exception {
        MvcResult result = mvc.perform(get("/account")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin");
    }

    @Test
    void requestWhenSignedInThenEveryConnectedAppWithWhatItMayUse() throws Exception {
        MvcResult result = mvc.perform(get("/account").cookie(sessionCookie()).header("Accept-Language", EN)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = html(result);
        assertAccessible(page, EN);
        assertThat(page.select("li.app h2").eachText()).containsExactly("shop.example.jp", "www.example.jp");
        assertThat(page.select("li[data-client-id=shop-demo] li[data-scope]").eachText())
                .containsExactly("Your e-mail address", "Your member ID");
        assertThat(page.select("li[data-client-id=www-demo] li[data-scope=custom:scope]").text())
                .contains("custom:scope");
        assertThat(page.select("li[data-client-id=shop-demo] time").eachText())
                .containsExactly("2026-11-01 09:00 UTC", "2026-11-20 10:30 UTC");
        assertThat(page.select("li[data-client-id=www-demo]").text()).contains("Not yet");
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
    }

    @Test
    @DisplayName("withdrawing access needs the CSRF token and acts on the signed-in member only")
    void requestWhenRevokeWithCsrfThenConsentServiceCalledForThisMember() throws Exception {
        Csrf csrf = csrf();
        MvcResult refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/account/apps/shop-demo/revoke").cookie(sessionCookie(), csrf.cookie())).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(consents.revoked).isEmpty();

        MvcResult result = mvc.perform(postForm("/account/apps/shop-demo/revoke", csrf, sessionCookie())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/account?revoked=shop-demo");
        assertThat(consents.revoked).containsExactly(io.kizuna.ui.fakes.FakeSignInService.MEMBER_ID + "/shop-demo");

        Document page = html(mvc.perform(get("/account?revoked=shop-demo").cookie(sessionCookie())
                .header("Accept-Language", EN)).andReturn());
        assertThat(page.selectFirst("#revoked-notice").text()).contains("shop-demo");
        assertThat(page.selectFirst("#revoke-shop-demo").attr("aria-label")).isEqualTo(
                "Withdraw the access of shop.example.jp");
    }

    @Test
    void requestWhenRevokeWithoutSessionThenSignInAndNothingRevoked() throws Exception {
        MvcResult result = mvc.perform(postForm("/account/apps/shop-demo/revoke", csrf())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin");
        assertThat(consents.revoked).isEmpty();
    }

    @Test
    @DisplayName("sessions are listed with this browser marked; ending another keeps this one signed in")
    void requestWhenEndingAnotherSessionThenOnlyThatOneEnds() throws Exception {
        Document page = html(mvc.perform(get("/account").cookie(sessionCookie()).header("Accept-Language", EN))
                .andReturn());
        assertThat(page.select("li.session").eachAttr("data-session-id")).containsExactly("session-1", "session-2");
        assertThat(page.selectFirst("li[data-session-id=session-1] .current")).isNotNull();
        assertThat(page.selectFirst("li[data-session-id=session-2] .current")).isNull();

        MvcResult result = mvc.perform(postForm("/account/sessions/session-2/end", csrf(), sessionCookie())).andReturn();
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/account");
        assertThat(sessions.ended).containsExactly(io.kizuna.ui.fakes.FakeSignInService.MEMBER_ID + "/session-2");
        assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).noneMatch(c -> c.startsWith("KIZUNA_SESSION="));
    }

    @Test
    @DisplayName("sign out everywhere ends every session and drops this browser's cookie")
    void requestWhenSignOutEverywhereThenAllEndedAndCookieCleared() throws Exception {
        MvcResult result = mvc.perform(postForm("/account/sessions/end-all", csrf(), sessionCookie())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin");
        assertThat(sessions.ended).containsExactly(io.kizuna.ui.fakes.FakeSignInService.MEMBER_ID + "/*");
        assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                .anyMatch(c -> c.startsWith("KIZUNA_SESSION=;") && c.contains("Max-Age=0"));
    }

    @Test
    void requestWhenSignOutWithoutCsrfThenForbiddenAndNothingEnded() throws Exception {
        MvcResult result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/signout").cookie(sessionCookie())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        assertThat(sessions.ended).isEmpty();
    }

    @Test
    void requestWhenJapaneseThenJapanesePage() throws Exception {
        Document page = html(mvc.perform(get("/account").cookie(sessionCookie()).header("Accept-Language", JA))
                .andReturn());
        assertAccessible(page, JA);
        assertThat(page.selectFirst("h1").text()).isEqualTo("連携中のアプリ");
        assertThat(page.select("li[data-client-id=shop-demo] li[data-scope=email]").text()).isEqualTo("メールアドレス");
    }
}
