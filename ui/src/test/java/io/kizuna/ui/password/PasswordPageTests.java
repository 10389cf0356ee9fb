package io.kizuna.ui.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakePasswordService;
import io.kizuna.ui.fakes.FakeSignInService;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("password reset (/password/forgot, /password/reset) and change (/account/password)")
class PasswordPageTests extends PageTestSupport {

    @Autowired
    FakePasswordService passwords;

    @BeforeEach
    void resetPasswords() {
        passwords.reset();
    }

    @Nested
    class Forgot {
        @Test
        void requestWhenFormShownThenAccessibleInBothLanguagesAndLinkedFromSignIn() throws Exception {
            Document ja = html(mvc.perform(get("/password/forgot").header("Accept-Language", JA)).andReturn());
            assertAccessible(ja, JA);
            assertThat(ja.selectFirst("h1").text()).isEqualTo("パスワードをお忘れの方");
            Document en = html(mvc.perform(get("/password/forgot").header("Accept-Language", EN)).andReturn());
            assertAccessible(en, EN);
            assertThat(html(mvc.perform(get("/signin")).andReturn()).selectFirst("#forgot-link").attr("href"))
                    .isEqualTo("/password/forgot");
        }

        @Test
        @DisplayName("the answer is the same page whatever the address; without the CSRF token nothing is asked")
        void requestWhenAskedThenSameAnswerForAnyAddress() throws Exception {
            Csrf csrf = csrf();
            assertThat(mvc.perform(post("/password/forgot").cookie(csrf.cookie()).param("email", "a@example.jp"))
                    .andReturn().getResponse().getStatus()).isEqualTo(403);
            assertThat(passwords.requested).isEmpty();

            String known = mvc.perform(postForm("/password/forgot", csrf).param("email", FakeSignInService.EMAIL)
                    .header("Accept-Language", EN)).andReturn().getResponse().getContentAsString();
            String unknown = mvc.perform(postForm("/password/forgot", csrf).param("email", "nobody@example.jp")
                    .header("Accept-Language", EN)).andReturn().getResponse().getContentAsString();
            assertThat(unknown).isEqualTo(known);
            Document page = org.jsoup.Jsoup.parse(known);
            assertAccessible(page, EN);
            assertThat(page.selectFirst("#sent-notice").text()).startsWith("If this address is registered");
            assertThat(passwords.requested).containsExactly(FakeSignInService.EMAIL, "nobody@example.jp");
        }

        @Test
        void requestWhenThrottledThen429WithAnAlertOnTheField() throws Exception {
            Csrf csrf = csrf();
            MvcResult result = mvc.perform(postForm("/password/forgot", csrf).param("email", "a@example.jp")
                    .header("Accept-Language", JA).with(r -> {
                        r.setRemoteAddr(FakePasswordService.THROTTLED_ADDRESS);
                        return r;
                    })).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(429);
            Document page = html(result);
            assertAccessible(page, JA);
            assertThat(page.selectFirst("#email-error").text()).contains("15分");
            assertThat(page.selectFirst("#email").attr("aria-describedby")).contains("email-error");
        }
    }

    @Nested
    class Reset {
        @Test
        void requestWhenTokenUnknownThenInvalidPageNeverAForm() throws Exception {
            for (String query : new String[] {"", "?token=nope", "?token=" + "x".repeat(3000)}) {
                MvcResult result = mvc.perform(get("/password/reset" + query).header("Accept-Language", EN)).andReturn();
                assertThat(result.getResponse().getStatus()).as(query).isEqualTo(400);
                Document page = html(result);
                assertAccessible(page, EN);
                assertThat(page.select("input[name=password]")).isEmpty();
                assertThat(page.selectFirst("#forgot-link").attr("href")).isEqualTo("/password/forgot");
            }
        }

        @Test
        void requestWhenCommonPasswordThenRefusedOnTheFieldAndTheTokenKept() throws Exception {
            Document form = html(mvc.perform(get("/password/reset").param("token", FakePasswordService.GOOD_TOKEN)
                    .header("Accept-Language", EN)).andReturn());
            assertAccessible(form, EN);
            assertThat(form.selectFirst("input[name=token]").val()).isEqualTo(FakePasswordService.GOOD_TOKEN);

            Csrf csrf = csrf();
            MvcResult refused = mvc.perform(postForm("/password/reset", csrf).param("token", FakePasswordService.GOOD_TOKEN)
                    .param("password", "password1234").header("Accept-Language", JA)).andReturn();
            assertThat(refused.getResponse().getStatus()).isEqualTo(400);
            Document page = html(refused);
            assertAccessible(page, JA);
            assertThat(page.selectFirst("#password-error").text()).contains("よく使われている");
            assertThat(page.selectFirst("input[name=token]").val()).isEqualTo(FakePasswordService.GOOD_TOKEN);
            assertThat(passwords.changes).isEmpty();

            MvcResult done = mvc.perform(postForm("/password/reset", csrf).param("token", FakePasswordService.GOOD_TOKEN)
                    .param("password", "a new and long password").header("Accept-Language", EN)).andReturn();
            assertThat(done.getResponse().getStatus()).isEqualTo(200);
            assertAccessible(html(done), EN);
            assertThat(html(done).selectFirst("h1").text()).isEqualTo("Your password is changed");
            assertThat(passwords.changes).containsExactly("reset:a new and long password");
        }
    }

    @Nested
    class Change {
        @Test
        void requestWhenNotSignedInThenToSignIn() throws Exception {
            assertThat(mvc.perform(get("/account/password")).andReturn().getResponse().getHeader(HttpHeaders.LOCATION))
                    .isEqualTo("/signin");
            Csrf csrf = csrf();
            assertThat(mvc.perform(postForm("/account/password", csrf).param("current", "x").param("password", "y"))
                    .andReturn().getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin");
            assertThat(passwords.changes).isEmpty();
        }

        @Test
        void requestWhenCurrentPasswordWrongThenAlertOnThatField() throws Exception {
            Document form = html(mvc.perform(get("/account/password").cookie(sessionCookie())
                    .header("Accept-Language", JA)).andReturn());
            assertAccessible(form, JA);
            Csrf csrf = csrf();
            MvcResult refused = mvc.perform(postForm("/account/password", csrf, sessionCookie())
                    .param("current", "not it at all").param("password", "a new and long password")
                    .header("Accept-Language", EN)).andReturn();
            assertThat(refused.getResponse().getStatus()).isEqualTo(400);
            Document page = html(refused);
            assertAccessible(page, EN);
            assertThat(page.selectFirst("#current-error").text()).isEqualTo("The current password is not correct.");
            assertThat(page.selectFirst("#current").attr("aria-invalid")).isEqualTo("true");
            assertThat(passwords.changes).isEmpty();
        }

        @Test
        @DisplayName("a good change keeps this session, tells the account page, and names no password in the URL")
        void requestWhenChangedThenBackToAccountWithNotice() throws Exception {
            Csrf csrf = csrf();
            MvcResult result = mvc.perform(postForm("/account/password", csrf, sessionCookie())
                    .param("current", FakePasswordService.CURRENT).param("password", "a new and long password")).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(303);
            assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/account?password=changed");
            assertThat(passwords.changes).containsExactly(
                    "account:" + FakeSignInService.MEMBER_ID + ":session-1:a new and long password");
            Document account = html(mvc.perform(get("/account?password=changed").cookie(sessionCookie())
                    .header("Accept-Language", EN)).andReturn());
            assertAccessible(account, EN);
            assertThat(account.selectFirst("#password-notice").text()).startsWith("Your password is changed");
            assertThat(account.selectFirst("#password-link").attr("href")).isEqualTo("/account/password");
        }
    }

    @Test
    @DisplayName("registration refuses a common password with its own message on the password field")
    void requestWhenRegisteringWithCommonPasswordThenRefused() throws Exception {
        Csrf csrf = csrf();
        MvcResult result = mvc.perform(postForm("/register", csrf).param("name", "Hanako").param("email", "new@example.jp")
                .param("password", "password1234").param("locale", "en").header("Accept-Language", EN)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = html(result);
        assertAccessible(page, EN);
        assertThat(page.selectFirst("#password-error").text()).startsWith("This password is one of the most common");
        assertThat(registrations.registrations).isEmpty();
    }
}
