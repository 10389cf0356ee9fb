package io.kizuna.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.api.session.SignInService;
import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeSignInService;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

class SignInPageTests extends PageTestSupport {

    @Nested
    @DisplayName("GET /signin")
    class Form {

        @Test
        void rendersInEnglish() throws Exception {
            MvcResult result = mvc.perform(get("/signin").header(HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.9"))
                    .andExpect(status().isOk())
                    .andReturn();
            Document page = html(result);
            assertAccessible(page, EN);
            assertThat(page.select("h1").text()).isEqualTo("Sign in");
            assertThat(page.select("label[for=email]").text()).isEqualTo("E-mail address");
            assertThat(page.select("#email").attr("type")).isEqualTo("email");
            assertThat(page.select("#email").attr("autocomplete")).isEqualTo("username");
            assertThat(page.select("#password").attr("type")).isEqualTo("password");
            assertThat(page.select("#password").attr("autocomplete")).isEqualTo("current-password");
            assertThat(page.select("#signin-submit").text()).isEqualTo("Sign in");
            assertThat(page.select("form").attr("action")).isEqualTo("/signin");
            assertThat(page.select("#register-link").attr("href")).isEqualTo("/register");
            assertThat(page.select("[role=alert]")).isEmpty();
        }

        @Test
        void rendersInJapanese() throws Exception {
            MvcResult result = mvc.perform(get("/signin").header(HttpHeaders.ACCEPT_LANGUAGE, "ja-JP,ja;q=0.9,en;q=0.5"))
                    .andExpect(status().isOk())
                    .andReturn();
            Document page = html(result);
            assertAccessible(page, JA);
            assertThat(page.select("h1").text()).isEqualTo("ログイン");
            assertThat(page.select("label[for=email]").text()).isEqualTo("メールアドレス");
            assertThat(page.select("label[for=password]").text()).isEqualTo("パスワード");
            assertThat(page.title()).isEqualTo("ログイン – Kizuna");
        }

        @Test
        void namesTheClientAndCarriesTheRequestIdToTheFormAndTheRegistrationLink() throws Exception {
            authorizationRequests.add("req-1", List.of("openid"), false, false);
            Document page = html(mvc.perform(get("/signin?request=req-1").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                    .andExpect(status().isOk()).andReturn());
            assertThat(page.select(".lead").text()).isEqualTo("to continue to Example Shop");
            assertThat(page.select("input[type=hidden][name=request]").val()).isEqualTo("req-1");
            assertThat(page.select("#register-link").attr("href")).isEqualTo("/register?request=req-1");
            assertThat(page.select("#lang-ja").attr("href")).isEqualTo("/signin?request=req-1&lang=ja");
        }

        @Test
        void refusesAMalformedRequestId() throws Exception {
            Document page = html(mvc.perform(get("/signin").param("request", "<script>"))
                    .andExpect(status().isBadRequest()).andReturn());
            assertThat(page.select("h1").text()).isEqualTo("This request has expired or was already used");
        }
    }

    @Nested
    @DisplayName("POST /signin")
    class Submit {

        @Test
        void successSetsTheSessionCookieAndContinuesToConsent() throws Exception {
            authorizationRequests.add("req-1", List.of("openid"), false, false);
            MvcResult result = mvc.perform(postForm("/signin", csrf())
                            .param("email", FakeSignInService.EMAIL)
                            .param("password", FakeSignInService.PASSWORD)
                            .param("request", "req-1")
                            .header(HttpHeaders.USER_AGENT, "Mozilla/5.0 test")
                            .with(request -> {
                                request.setRemoteAddr("203.0.113.7");
                                return request;
                            }))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/consent?request=req-1"))
                    .andReturn();

            String setCookie = result.getResponse().getHeaders(HttpHeaders.SET_COOKIE).stream()
                    .filter(value -> value.startsWith(SignInService.SESSION_COOKIE + "="))
                    .findFirst().orElseThrow();
            assertThat(setCookie)
                    .startsWith("KIZUNA_SESSION=" + FakeSignInService.SESSION + ";")
                    .contains("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Secure")
                    .doesNotContain("Max-Age", "Expires", "Domain");

            assertThat(signIn.attempts).singleElement().satisfies(attempt -> {
                assertThat(attempt.login()).isEqualTo(FakeSignInService.EMAIL);
                assertThat(attempt.clientId()).isEqualTo("shop-client");
                assertThat(attempt.sourceAddress()).isEqualTo("203.0.113.7");
                assertThat(attempt.userAgent()).isEqualTo("Mozilla/5.0 test");
            });
        }

        @Test
        void successWithoutARequestShowsTheSignedInPage() throws Exception {
            mvc.perform(postForm("/signin", csrf())
                            .param("email", FakeSignInService.EMAIL)
                            .param("password", FakeSignInService.PASSWORD))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/signin/done"));
            assertThat(signIn.attempts).singleElement().extracting(FakeSignInService.Recorded::clientId).isNull();

            Document en = html(mvc.perform(get("/signin/done").cookie(sessionCookie())
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andExpect(status().isOk()).andReturn());
            assertAccessible(en, EN);
            assertThat(en.select("h1").text()).isEqualTo("You are signed in");
            Document ja = html(mvc.perform(get("/signin/done").cookie(sessionCookie())
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "ja")).andExpect(status().isOk()).andReturn());
            assertAccessible(ja, JA);
            assertThat(ja.select("h1").text()).isEqualTo("ログインしました");
        }

        @Test
        void signedInPageWithoutASessionGoesBackToSignIn() throws Exception {
            mvc.perform(get("/signin/done"))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/signin"));
        }

        @Test
        void wrongPasswordAndUnknownMemberGetTheSameGenericRefusal() throws Exception {
            MvcResult wrongPassword = mvc.perform(postForm("/signin", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                            .param("email", FakeSignInService.EMAIL)
                            .param("password", "not the password"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().doesNotExist(HttpHeaders.LOCATION))
                    .andReturn();
            MvcResult unknownMember = mvc.perform(postForm("/signin", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                            .param("email", "nobody@example.jp")
                            .param("password", "whatever password"))
                    .andExpect(status().isUnauthorized())
                    .andReturn();

            Document page = html(wrongPassword);
            assertAccessible(page, EN);
            assertThat(page.select("#signin-error").attr("role")).isEqualTo("alert");
            assertThat(page.select("#signin-error").text()).isEqualTo("The e-mail address or the password is wrong.");
            assertThat(html(unknownMember).select("#signin-error").text()).isEqualTo(page.select("#signin-error").text());
            assertThat(page.select("#email").attr("aria-describedby")).isEqualTo("signin-error");
            assertThat(page.select("#email").attr("aria-invalid")).isEqualTo("true");
            assertThat(page.select("#password").attr("aria-describedby")).isEqualTo("signin-error");
            assertThat(page.select("#email").val()).isEqualTo(FakeSignInService.EMAIL);
            assertThat(page.select("#password").val()).isEmpty();
            assertThat(wrongPassword.getResponse().getContentAsString()).doesNotContain("not the password");
            assertThat(page.title()).startsWith("Error: ");
            assertThat(wrongPassword.getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                    .noneMatch(cookie -> cookie.startsWith(SignInService.SESSION_COOKIE));
        }

        @Test
        void refusalIsLocalized() throws Exception {
            Document page = html(mvc.perform(postForm("/signin", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "ja")
                            .param("email", FakeSignInService.EMAIL)
                            .param("password", "not the password"))
                    .andExpect(status().isUnauthorized()).andReturn());
            assertAccessible(page, JA);
            assertThat(page.select("#signin-error").text()).isEqualTo("メールアドレスまたはパスワードが正しくありません。");
            assertThat(page.title()).startsWith("エラー: ");
        }

        @Test
        void emptyFieldsAreRefusedWithoutAskingTheLedger() throws Exception {
            mvc.perform(postForm("/signin", csrf()).param("email", " ").param("password", ""))
                    .andExpect(status().isUnauthorized());
            assertThat(signIn.attempts).isEmpty();
        }

        @Test
        void throttledAnswers429() throws Exception {
            Document page = html(mvc.perform(postForm("/signin", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                            .param("email", FakeSignInService.THROTTLED_EMAIL)
                            .param("password", "some password"))
                    .andExpect(status().isTooManyRequests()).andReturn());
            assertAccessible(page, EN);
            assertThat(page.select("#signin-error").text()).startsWith("Too many sign-in attempts.");
        }

        @Test
        void keepsTheRequestIdWhenRefused() throws Exception {
            authorizationRequests.add("req-2", List.of("openid"), false, false);
            Document page = html(mvc.perform(postForm("/signin", csrf())
                            .param("email", FakeSignInService.EMAIL)
                            .param("password", "wrong password")
                            .param("request", "req-2"))
                    .andExpect(status().isUnauthorized()).andReturn());
            assertThat(page.select("input[type=hidden][name=request]").val()).isEqualTo("req-2");
        }
    }
}
