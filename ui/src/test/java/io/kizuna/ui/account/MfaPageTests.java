package io.kizuna.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeTotpEnrolments;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("GET/POST /account/mfa (authenticator app enrolment)")
class MfaPageTests extends PageTestSupport {

    @Test
    void requestWhenSignedInThenQrCodeAndKeyShown() throws Exception {
        MvcResult result = mvc.perform(get("/account/mfa").cookie(sessionCookie()).header("Accept-Language", EN))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = html(result);
        assertAccessible(page, EN);
        assertThat(page.selectFirst("img#qr").attr("src")).startsWith("data:image/png;base64,");
        assertThat(page.selectFirst("img#qr").attr("alt")).isNotBlank();
        assertThat(page.selectFirst("#secret").text()).isEqualTo(FakeTotpEnrolments.SECRET);
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("img-src 'self' data:");
    }

    @Test
    void requestWhenCodeMatchesThenRecoveryCodesShownOnce() throws Exception {
        MvcResult result = mvc.perform(postForm("/account/mfa", csrf(), sessionCookie())
                .param("secret", FakeTotpEnrolments.SECRET).param("code", "654321")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(result).select("#recovery-codes code").eachText()).containsExactly("aaaa-bbbb-cccc-dddd");
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
    }

    @Test
    void requestWhenCodeWrongThen400WithAnAlert() throws Exception {
        MvcResult result = mvc.perform(postForm("/account/mfa", csrf(), sessionCookie())
                .param("secret", FakeTotpEnrolments.SECRET).param("code", "111111")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(result).selectFirst("#mfa-error").attr("role")).isEqualTo("alert");
    }

    @Test
    void requestWhenNotSignedInThenSignIn() throws Exception {
        assertThat(mvc.perform(get("/account/mfa")).andReturn().getResponse().getStatus()).isEqualTo(303);
    }
}
