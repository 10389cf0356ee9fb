package io.kizuna.ui.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeEmailVerifications;
import io.kizuna.ui.fakes.FakeSignInService;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("GET /verify-email and POST /account/email/verification")
class EmailVerificationPageTests extends PageTestSupport {

    @Autowired
    FakeEmailVerifications verifications;

    @BeforeEach
    void resetVerifications() {
        verifications.reset();
    }

    @Test
    void requestWhenTokenGoodThenConfirmedOnceInBothLanguages() throws Exception {
        MvcResult result = mvc.perform(get("/verify-email").param("token", FakeEmailVerifications.GOOD_TOKEN)
                .header("Accept-Language", JA)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = html(result);
        assertAccessible(page, JA);
        assertThat(page.selectFirst("h1").text()).isEqualTo("メールアドレスを確認しました");
        assertThat(page.selectFirst("#verify-result").attr("role")).isEqualTo("status");
        assertThat(result.getResponse().getHeader("Referrer-Policy")).isEqualTo("no-referrer");

        MvcResult again = mvc.perform(get("/verify-email").param("token", FakeEmailVerifications.GOOD_TOKEN)
                .header("Accept-Language", EN)).andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(400);
        Document refused = html(again);
        assertAccessible(refused, EN);
        assertThat(refused.selectFirst("h1").text()).isEqualTo("This link does not work");
    }

    @Test
    void requestWhenTokenMissingOrUnknownThenSameRefusalNeverAnError() throws Exception {
        for (String query : new String[] {"", "?token=", "?token=nope", "?token=" + "x".repeat(5000)}) {
            MvcResult result = mvc.perform(get("/verify-email" + query).header("Accept-Language", EN)).andReturn();
            assertThat(result.getResponse().getStatus()).as(query).isEqualTo(400);
            assertThat(html(result).selectFirst("h1").text()).isEqualTo("This link does not work");
        }
    }

    @Test
    @DisplayName("resending needs a session and the CSRF token, and reports the outcome on the account page")
    void requestWhenResendWithCsrfThenSentForThisMember() throws Exception {
        Csrf csrf = csrf();
        MvcResult refused = mvc.perform(post("/account/email/verification").cookie(sessionCookie(), csrf.cookie()))
                .andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(verifications.resent).isEmpty();

        MvcResult anonymous = mvc.perform(postForm("/account/email/verification", csrf)).andReturn();
        assertThat(anonymous.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin");

        MvcResult result = mvc.perform(postForm("/account/email/verification", csrf, sessionCookie())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/account?verification=sent");
        assertThat(verifications.resent).containsExactly(FakeSignInService.MEMBER_ID);

        Document page = html(mvc.perform(get("/account?verification=sent").cookie(sessionCookie())
                .header("Accept-Language", JA)).andReturn());
        assertAccessible(page, JA);
        assertThat(page.selectFirst("#verification-notice").text()).isEqualTo("新しい確認用リンクをメールアドレスに送信しました。");
        assertThat(page.selectFirst("#resend-verification").text()).isEqualTo("メールアドレス確認用のリンクを再送する");
    }

    @Test
    void requestWhenAccountPageGetsAnUnknownOutcomeThenNoNotice() throws Exception {
        Document page = html(mvc.perform(get("/account?verification=<script>").cookie(sessionCookie())
                .header("Accept-Language", EN)).andReturn());
        assertThat(page.select("#verification-notice")).isEmpty();
    }

    @Test
    @DisplayName("the outbox page does not exist unless the demo is enabled")
    void requestWhenDemoDisabledThenNoOutbox() throws Exception {
        assertThat(mvc.perform(get("/outbox")).andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
