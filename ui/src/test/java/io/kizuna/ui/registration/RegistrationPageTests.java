package io.kizuna.ui.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeMemberRegistrations;
import io.kizuna.ui.fakes.FakeMemberRegistrations.Recorded;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

class RegistrationPageTests extends PageTestSupport {

    private static final String PASSWORD = "a long enough secret";

    @Nested
    @DisplayName("GET /register")
    class Form {

        @Test
        void rendersInEnglish() throws Exception {
            Document page = html(mvc.perform(get("/register").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                    .andExpect(status().isOk()).andReturn());
            assertAccessible(page, EN);
            assertThat(page.select("h1").text()).isEqualTo("Create your Kizuna account");
            assertThat(page.select("#password-rule").text()).isEqualTo("10–256 characters.");
            assertThat(page.select("#password").attr("aria-describedby")).isEqualTo("password-rule");
            assertThat(page.select("#password").attr("autocomplete")).isEqualTo("new-password");
            assertThat(page.select("#password").attr("minlength")).isEqualTo("10");
            assertThat(page.select("#password").attr("maxlength")).isEqualTo("256");
            assertThat(page.select("#locale option").eachAttr("value")).containsExactly("ja", "en");
            assertThat(page.select("#locale option[selected]").val()).isEqualTo("en");
            assertThat(page.select("#register-submit").text()).isEqualTo("Create account");
            assertThat(page.select("form").attr("action")).isEqualTo("/register");
            assertThat(page.select("#name, #email, #password")).hasSize(3);
        }

        @Test
        void rendersInJapaneseWithJapanesePreselected() throws Exception {
            Document page = html(mvc.perform(get("/register").header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
                    .andExpect(status().isOk()).andReturn());
            assertAccessible(page, JA);
            assertThat(page.select("h1").text()).isEqualTo("Kizuna アカウントの作成");
            assertThat(page.select("label[for=name]").text()).isEqualTo("お名前");
            assertThat(page.select("#password-rule").text()).isEqualTo("10〜256文字で入力してください。");
            assertThat(page.select("#locale option[selected]").val()).isEqualTo("ja");
        }

        @Test
        void carriesTheRequestId() throws Exception {
            Document page = html(mvc.perform(get("/register?request=req-9")).andExpect(status().isOk()).andReturn());
            assertThat(page.select("input[type=hidden][name=request]").val()).isEqualTo("req-9");
            assertThat(page.select("#signin-link").attr("href")).isEqualTo("/signin?request=req-9");
        }
    }

    @Nested
    @DisplayName("POST /register")
    class Submit {

        @Test
        void successShowsTheRegisteredPageWithASignInLinkCarryingTheRequest() throws Exception {
            authorizationRequests.add("req-9", List.of("openid"), false, false);
            mvc.perform(postForm("/register", csrf())
                            .param("name", "  山田 花子 ")
                            .param("email", "hanako@example.jp")
                            .param("password", PASSWORD)
                            .param("locale", "ja")
                            .param("request", "req-9"))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/register/done?request=req-9"));
            assertThat(registrations.registrations).containsExactly(
                    new Recorded("hanako@example.jp", PASSWORD, "山田 花子", "ja", "shop-client"));

            Document ja = html(mvc.perform(get("/register/done?request=req-9").header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
                    .andExpect(status().isOk()).andReturn());
            assertAccessible(ja, JA);
            assertThat(ja.select("h1").text()).isEqualTo("登録が完了しました");
            assertThat(ja.select("#signin-link").attr("href")).isEqualTo("/signin?request=req-9");
            Document en = html(mvc.perform(get("/register/done").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                    .andExpect(status().isOk()).andReturn());
            assertAccessible(en, EN);
            assertThat(en.select("#signin-link").attr("href")).isEqualTo("/signin");
        }

        @Test
        void withoutARequestRegistersViaSelfInThePageLanguageWhenNoneChosen() throws Exception {
            mvc.perform(postForm("/register", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "ja")
                            .param("name", "Hanako")
                            .param("email", "hanako@example.jp")
                            .param("password", PASSWORD))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/register/done"));
            assertThat(registrations.registrations).singleElement().satisfies(recorded -> {
                assertThat(recorded.registeredVia()).isEqualTo("self");
                assertThat(recorded.locale()).isEqualTo("ja");
            });
        }

        @Test
        void weakPasswordKeepsNameAndEmailButNeverThePassword() throws Exception {
            String weak = "short1";
            MvcResult result = mvc.perform(postForm("/register", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                            .param("name", "Hanako Yamada")
                            .param("email", "hanako@example.jp")
                            .param("password", weak)
                            .param("locale", "ja"))
                    .andExpect(status().isBadRequest())
                    .andReturn();
            Document page = html(result);
            assertAccessible(page, EN);
            assertThat(page.select("#name").val()).isEqualTo("Hanako Yamada");
            assertThat(page.select("#email").val()).isEqualTo("hanako@example.jp");
            assertThat(page.select("#password").val()).isEmpty();
            assertThat(page.select("#locale option[selected]").val()).isEqualTo("ja");
            assertThat(result.getResponse().getContentAsString()).doesNotContain(weak);
            assertThat(page.select("#password-error").attr("role")).isEqualTo("alert");
            assertThat(page.select("#password-error").text())
                    .isEqualTo("Choose a password of 10–256 characters that is hard to guess.");
            assertThat(page.select("#password").attr("aria-describedby")).isEqualTo("password-rule password-error");
            assertThat(page.select("#password").attr("aria-invalid")).isEqualTo("true");
            assertThat(page.select("#email").hasAttr("aria-invalid")).isFalse();
            assertThat(page.title()).startsWith("Error: ");
            assertThat(registrations.registrations).isEmpty();
        }

        @Test
        void takenLoginIsAConflictShownAtTheEmailField() throws Exception {
            MvcResult result = mvc.perform(postForm("/register", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "ja")
                            .param("name", "花子")
                            .param("email", FakeMemberRegistrations.TAKEN_EMAIL)
                            .param("password", PASSWORD))
                    .andExpect(status().isConflict())
                    .andReturn();
            Document page = html(result);
            assertAccessible(page, JA);
            assertThat(page.select("#email-error").text()).isEqualTo("このメールアドレスはすでに登録されています。ログインしてください。");
            assertThat(page.select("#email").attr("aria-describedby")).isEqualTo("email-error");
            assertThat(page.select("#name").val()).isEqualTo("花子");
            assertThat(page.select("#email").val()).isEqualTo(FakeMemberRegistrations.TAKEN_EMAIL);
            assertThat(result.getResponse().getContentAsString()).doesNotContain(PASSWORD);
        }

        @Test
        void invalidEmailAndNameAreShownAtTheirFields() throws Exception {
            Document badEmail = html(mvc.perform(postForm("/register", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                            .param("name", "Hanako").param("email", "not-an-address").param("password", PASSWORD))
                    .andExpect(status().isBadRequest()).andReturn());
            assertAccessible(badEmail, EN);
            assertThat(badEmail.select("#email-error").text()).startsWith("Enter a valid e-mail address");
            assertThat(badEmail.select("#email").val()).isEqualTo("not-an-address");

            Document badName = html(mvc.perform(postForm("/register", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "ja")
                            .param("name", "   ").param("email", "hanako@example.jp").param("password", PASSWORD))
                    .andExpect(status().isBadRequest()).andReturn());
            assertAccessible(badName, JA);
            assertThat(badName.select("#name-error").text()).isEqualTo("お名前を200文字以内で入力してください。");
            assertThat(badName.select("#name").attr("aria-describedby")).isEqualTo("name-error");
        }

        @Test
        void anUnknownRefusalIsShownForTheWholeForm() throws Exception {
            Document page = html(mvc.perform(postForm("/register", csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                            .param("name", "Mallory").param("email", "m@example.jp").param("password", PASSWORD))
                    .andExpect(status().isBadRequest()).andReturn());
            assertAccessible(page, EN);
            assertThat(page.select("#form-error").text()).isEqualTo("The account could not be created. Please try again.");
            assertThat(page.select("form").attr("aria-describedby")).isEqualTo("form-error");
        }
    }
}
