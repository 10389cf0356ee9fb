package io.kizuna.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.api.session.SignInService;
import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeSignInService;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

/** The embedded localhost run on plain http turns the Secure flag off; only then is it missing. */
@TestPropertySource(properties = UiCookies.SECURE_COOKIES_PROPERTY + "=false")
class InsecureCookiesSettingTests extends PageTestSupport {

    @Test
    void cookiesLackSecureWhenSwitchedOff() throws Exception {
        MvcResult form = mvc.perform(get("/signin?lang=ja")).andReturn();
        assertThat(form.getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                .hasSize(2)
                .allSatisfy(cookie -> assertThat(cookie).contains("HttpOnly").doesNotContain("Secure"));

        MvcResult signedIn = mvc.perform(postForm("/signin", csrf())
                        .param("email", FakeSignInService.EMAIL).param("password", FakeSignInService.PASSWORD))
                .andReturn();
        assertThat(signedIn.getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                .anySatisfy(cookie -> assertThat(cookie).startsWith(SignInService.SESSION_COOKIE + "="))
                .anySatisfy(cookie -> assertThat(cookie).startsWith(SignInService.DEVICE_COOKIE + "="))
                .allSatisfy(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure"));
    }
}
