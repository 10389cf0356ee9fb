package io.kizuna.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeSignInService;
import io.kizuna.ui.web.ReturnPaths;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("Sign-in returning to one of Kizuna's own pages (next=…)")
class ReturnPathTests extends PageTestSupport {

    @Test
    @DisplayName("a sign-in started from /device returns to the same device code")
    void requestWhenNextIsTheDevicePageThenBackThere() throws Exception {
        String form = mvc.perform(get("/signin").param("next", "/device?user_code=BCDFGHJK")).andReturn().getResponse()
                .getContentAsString();
        assertThat(form).contains("name=\"next\"").contains("value=\"/device?user_code=BCDFGHJK\"");
        MvcResult result = mvc.perform(postForm("/signin", csrf()).param("email", FakeSignInService.EMAIL)
                .param("password", FakeSignInService.PASSWORD).param("next", "/device?user_code=BCDFGHJK")).andReturn();
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/device?user_code=BCDFGHJK");
    }

    @Test
    @DisplayName("RFC 9700 §4.11: anything but our own pages is ignored, never redirected to")
    void requestWhenNextIsForeignThenDonePage() throws Exception {
        for (String next : new String[] {"https://evil.example/", "//evil.example", "/\\evil.example", "/signin/done/../x",
                "javascript:alert(1)", "/account?x=https://evil"}) {
            MvcResult result = mvc.perform(postForm("/signin", csrf()).param("email", FakeSignInService.EMAIL)
                    .param("password", FakeSignInService.PASSWORD).param("next", next)).andReturn();
            assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).as(next).isEqualTo("/signin/done");
        }
    }

    @Test
    void requestWhenCheckingPathsThenOnlyOurOwnPass() {
        assertThat(ReturnPaths.safe("/account")).isEqualTo("/account");
        assertThat(ReturnPaths.safe("/account/mfa")).isEqualTo("/account/mfa");
        assertThat(ReturnPaths.safe("/device?user_code=BCDF")).isEqualTo("/device?user_code=BCDF");
        assertThat(ReturnPaths.safe("/admin")).isEqualTo("/admin");
        assertThat(ReturnPaths.safe("/admin/clients/www-demo")).isEqualTo("/admin/clients/www-demo");
        assertThat(ReturnPaths.safe("/admin/audit?member=abc&from=2026-11-26T03%3A00")).isNotNull();
        assertThat(ReturnPaths.safe("/admin//evil.example")).isNull();
        assertThat(ReturnPaths.safe("/admin/../signin")).isNull();
        assertThat(ReturnPaths.safe("/administrator")).isNull();
        assertThat(ReturnPaths.safe("/admin?x=https://evil")).isNull();
        assertThat(ReturnPaths.safe(null)).isNull();
    }

    @Test
    @DisplayName("a sign-in that needs a code keeps the return path through the second step")
    void requestWhenOtpStepThenNextKept() throws Exception {
        MvcResult result = mvc.perform(postForm("/signin", csrf()).param("email", FakeSignInService.OTP_EMAIL)
                .param("password", FakeSignInService.PASSWORD).param("next", "/account/mfa")).andReturn();
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin/otp?next=%2Faccount%2Fmfa");
        MvcResult otp = mvc.perform(postForm("/signin/otp", csrf(),
                new jakarta.servlet.http.Cookie(SignInController.PENDING_COOKIE, FakeSignInService.PENDING))
                .param("code", "123456").param("next", "/account/mfa")).andReturn();
        assertThat(otp.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/account/mfa");
    }
}
