package io.kizuna.ui.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.api.session.SignInService;
import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeAuthorizationRequests;
import io.kizuna.ui.fakes.FakeAuthorizationRequests.Decision;
import io.kizuna.ui.fakes.FakeSignInService;
import jakarta.servlet.http.Cookie;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class ConsentPageTests extends PageTestSupport {

    private static final List<String> SCOPES = List.of("openid", "profile", "email", "offline_access");

    @Nested
    @DisplayName("GET /consent")
    class Show {

        @Test
        void withoutASessionSendsTheMemberToSignIn() throws Exception {
            authorizationRequests.add("req-1", SCOPES, true, false);
            mvc.perform(get("/consent?request=req-1"))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/signin?request=req-1"));
            mvc.perform(get("/consent?request=req-1")
                            .cookie(new Cookie(SignInService.SESSION_COOKIE, "forged")))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/signin?request=req-1"));
            assertThat(authorizationRequests.decisions).isEmpty();
        }

        @Test
        @DisplayName("OIDC Core §5.5: claims asked for beyond the scopes are listed one by one, essential ones marked, "
                + "in both languages")
        void oidcCore_5_5_listsRequestedClaimsBeyondScope() throws Exception {
            for (String language : new String[] {EN, JA}) {
                authorizationRequests.addWithClaims("req-c", List.of("openid"), List.of("name", "birthdate"),
                        List.of("name"));
                Document page = html(mvc.perform(get("/consent?request=req-c").cookie(sessionCookie())
                                .header(HttpHeaders.ACCEPT_LANGUAGE, language))
                        .andExpect(status().isOk()).andReturn());
                assertAccessible(page, language);
                assertThat(page.select("#claims li").eachAttr("data-claim")).containsExactly("name", "birthdate");
                assertThat(page.select("#claims li[data-claim=name] .essential")).hasSize(1);
                assertThat(page.select("#claims li[data-claim=birthdate] .essential")).isEmpty();
                assertThat(page.select("#claims li[data-claim=birthdate]").text())
                        .isEqualTo(EN.equals(language) ? "Your date of birth" : "生年月日");
            }
            authorizationRequests.add("req-plain", List.of("openid"), false, false);
            assertThat(html(mvc.perform(get("/consent?request=req-plain").cookie(sessionCookie()))
                    .andReturn()).select("#claims")).isEmpty();
        }

        @Test
        void rendersInEnglishWithEveryScopeAndTheLongLivedNotice() throws Exception {
            authorizationRequests.add("req-1", SCOPES, true, false);
            Document page = html(mvc.perform(get("/consent?request=req-1").cookie(sessionCookie())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                    .andExpect(status().isOk()).andReturn());
            assertAccessible(page, EN);
            assertThat(page.select("h1").text()).isEqualTo("Example Shop wants to access your Kizuna account");
            assertThat(page.select("#client-name").text()).isEqualTo("Example Shop");
            assertThat(page.select("#site-uri").text()).isEqualTo("https://shop.example.jp");
            assertThat(page.select("ul.scopes li").eachText()).containsExactly(
                    "Your member ID",
                    "Your name and profile (such as nickname, date of birth, time zone and language)",
                    "Your e-mail address",
                    "Access while you are away (without you being signed in)");
            assertThat(page.select("#long-lived-notice").text()).contains("keeps this access until you revoke it");
            assertThat(page.select("#account-link").attr("href")).isEqualTo("/account");
            assertThat(page.select("form").attr("action")).isEqualTo("/consent");
            assertThat(page.select("input[type=hidden][name=request]").val()).isEqualTo("req-1");
            assertThat(page.select("#approve").attr("name")).isEqualTo("decision");
            assertThat(page.select("#approve").val()).isEqualTo("approve");
            assertThat(page.select("#approve").text()).isEqualTo("Allow");
            assertThat(page.select("#deny").val()).isEqualTo("deny");
            assertThat(page.select("#deny").text()).isEqualTo("Deny");
            assertThat(authorizationRequests.describedWithSession).contains(FakeSignInService.SESSION);
        }

        @Test
        void rendersInJapanese() throws Exception {
            authorizationRequests.add("req-1", SCOPES, true, false);
            Document page = html(mvc.perform(get("/consent?request=req-1").cookie(sessionCookie())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
                    .andExpect(status().isOk()).andReturn());
            assertAccessible(page, JA);
            assertThat(page.select("h1").text()).isEqualTo("Example Shop があなたの Kizuna アカウントへのアクセスを求めています");
            assertThat(page.select("ul.scopes li").eachText()).containsExactly(
                    "あなたの会員ID", "氏名とプロフィール(ニックネーム・生年月日・タイムゾーン・使用言語など)", "メールアドレス", "あなたがログインしていない間のアクセス");
            assertThat(page.select("#long-lived-notice").text()).contains("アカウント管理画面（/account）から取り消せます");
            assertThat(page.select("#approve").text()).isEqualTo("許可する");
            assertThat(page.select("#deny").text()).isEqualTo("許可しない");
        }

        @Test
        void showsNoLongLivedNoticeForAShortLivedRequestAndNamesUnknownScopes() throws Exception {
            authorizationRequests.add("req-1", List.of("openid", "openid", "orders:read"), false, false);
            Document page = html(mvc.perform(get("/consent?request=req-1").cookie(sessionCookie())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                    .andExpect(status().isOk()).andReturn());
            assertThat(page.select("#long-lived-notice")).isEmpty();
            assertThat(page.select("ul.scopes li").eachText())
                    .containsExactly("Your member ID", "Other access: orders:read");
        }

        @Test
        void escapesWhatTheClientRegistered() throws Exception {
            authorizationRequests.add("req-1", List.of("<b>x</b>"), false, false);
            String body = mvc.perform(get("/consent?request=req-1").cookie(sessionCookie()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(body).doesNotContain("<b>x</b>").contains("&lt;b&gt;x&lt;/b&gt;");
        }

        @Test
        void alreadyConsentedGoesStraightBackToTheClient() throws Exception {
            authorizationRequests.add("req-1", SCOPES, true, true);
            mvc.perform(get("/consent?request=req-1").cookie(sessionCookie()))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION,
                            FakeAuthorizationRequests.REDIRECT_URI + "?code=c0de-req-1&state=xyz&iss=https%3A%2F%2Fid.example.jp"));
            assertThat(authorizationRequests.decisions)
                    .containsExactly(new Decision("req-1", FakeSignInService.SESSION, true));
        }

        @Test
        void unknownOrUsedRequestShowsTheExpiredPage() throws Exception {
            Document en = html(mvc.perform(get("/consent?request=gone").cookie(sessionCookie())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                    .andExpect(status().isBadRequest()).andReturn());
            assertAccessible(en, EN);
            assertThat(en.select("h1").text()).isEqualTo("This request has expired or was already used");
            Document ja = html(mvc.perform(get("/consent?request=gone").cookie(sessionCookie())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
                    .andExpect(status().isBadRequest()).andReturn());
            assertAccessible(ja, JA);
            assertThat(ja.select("h1").text()).isEqualTo("このリクエストは有効期限が切れているか、すでに使用されています");
        }

        @Test
        void missingRequestIdShowsTheExpiredPage() throws Exception {
            mvc.perform(get("/consent").cookie(sessionCookie())).andExpect(status().isBadRequest());
        }
    }

    @Nested
    @DisplayName("POST /consent")
    class Decide {

        @Test
        void denyRedirectsToWhereDecideSays() throws Exception {
            authorizationRequests.add("req-1", SCOPES, false, false);
            mvc.perform(postForm("/consent", csrf(), sessionCookie())
                            .param("request", "req-1")
                            .param("decision", "deny"))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION,
                            FakeAuthorizationRequests.REDIRECT_URI + "?error=access_denied&state=xyz&iss=https%3A%2F%2Fid.example.jp"));
            assertThat(authorizationRequests.decisions)
                    .containsExactly(new Decision("req-1", FakeSignInService.SESSION, false));
        }

        @Test
        void approveRedirectsWithTheCode() throws Exception {
            authorizationRequests.add("req-1", SCOPES, false, false);
            mvc.perform(postForm("/consent", csrf(), sessionCookie())
                            .param("request", "req-1")
                            .param("decision", "approve"))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION,
                            FakeAuthorizationRequests.REDIRECT_URI + "?code=c0de-req-1&state=xyz&iss=https%3A%2F%2Fid.example.jp"));
            assertThat(authorizationRequests.decisions)
                    .containsExactly(new Decision("req-1", FakeSignInService.SESSION, true));
        }

        @Test
        void aSecondDecisionFindsTheRequestUsed() throws Exception {
            authorizationRequests.add("req-1", SCOPES, false, false);
            mvc.perform(postForm("/consent", csrf(), sessionCookie())
                            .param("request", "req-1").param("decision", "approve"))
                    .andExpect(status().isSeeOther());
            Document page = html(mvc.perform(postForm("/consent", csrf(), sessionCookie())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                            .param("request", "req-1").param("decision", "approve"))
                    .andExpect(status().isBadRequest()).andReturn());
            assertThat(page.select("h1").text()).isEqualTo("This request has expired or was already used");
        }

        @Test
        void withoutASessionSendsTheMemberToSignIn() throws Exception {
            authorizationRequests.add("req-1", SCOPES, false, false);
            mvc.perform(postForm("/consent", csrf()).param("request", "req-1").param("decision", "approve"))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/signin?request=req-1"));
            assertThat(authorizationRequests.decisions).isEmpty();
        }

        @Test
        void anUnknownDecisionIsABadRequest() throws Exception {
            authorizationRequests.add("req-1", SCOPES, false, false);
            mvc.perform(postForm("/consent", csrf(), sessionCookie())
                            .param("request", "req-1").param("decision", "maybe"))
                    .andExpect(status().isBadRequest());
            assertThat(authorizationRequests.decisions).isEmpty();
        }
    }
}
