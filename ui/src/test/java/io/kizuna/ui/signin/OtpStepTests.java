package io.kizuna.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeSignInService;
import jakarta.servlet.http.Cookie;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("Sign-in second step (RFC 6238 one-time code)")
class OtpStepTests extends PageTestSupport {

    @Test
    @DisplayName("a right password that needs a second factor leads to the code page, the pending sign-in in a cookie")
    void requestWhenPolicyWantsOtpThenCodePageWithPendingCookie() throws Exception {
        MvcResult result = mvc.perform(postForm("/signin", csrf()).param("email", FakeSignInService.OTP_EMAIL)
                .param("password", FakeSignInService.PASSWORD)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin/otp");
        assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                .anyMatch(c -> c.startsWith(SignInController.PENDING_COOKIE + "=" + FakeSignInService.PENDING)
                        && c.contains("HttpOnly"))
                .noneMatch(c -> c.startsWith("KIZUNA_SESSION="));

        Document page = html(mvc.perform(get("/signin/otp").cookie(pending()).header("Accept-Language", JA))
                .andReturn());
        assertAccessible(page, JA);
        assertThat(page.selectFirst("input#code").attr("autocomplete")).isEqualTo("one-time-code");
    }

    @Test
    void requestWhenWrongCodeThen401AndTryAgain() throws Exception {
        MvcResult result = mvc.perform(postForm("/signin/otp", csrf(), pending()).param("code", "000000")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        assertThat(html(result).selectFirst("#otp-error").attr("role")).isEqualTo("alert");
        assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).noneMatch(c -> c.startsWith("KIZUNA_SESSION="));
    }

    @Test
    void requestWhenRightCodeThenSessionCookieAndPendingCleared() throws Exception {
        MvcResult result = mvc.perform(postForm("/signin/otp", csrf(), pending()).param("code", "123456")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin/done");
        assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                .anyMatch(c -> c.startsWith("KIZUNA_SESSION=" + FakeSignInService.SESSION))
                .anyMatch(c -> c.startsWith(SignInController.PENDING_COOKIE + "=;") && c.contains("Max-Age=0"));
    }

    @Test
    void requestWhenNoPendingSignInThenBackToSignIn() throws Exception {
        MvcResult result = mvc.perform(get("/signin/otp")).andReturn();
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin");
    }

    private static Cookie pending() {
        return new Cookie(SignInController.PENDING_COOKIE, FakeSignInService.PENDING);
    }
}
