package io.kizuna.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeSignInService;
import jakarta.servlet.http.Cookie;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

class CsrfProtectionTests extends PageTestSupport {

    private static final String OTHER_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Test
    void renderingAFormIssuesARandom256BitStrictCookieRepeatedInTheForm() throws Exception {
        MvcResult first = mvc.perform(get("/signin")).andExpect(status().isOk()).andReturn();
        String setCookie = first.getResponse().getHeaders(HttpHeaders.SET_COOKIE).stream()
                .filter(value -> value.startsWith(CsrfTokens.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("; Path=/", "; HttpOnly", "; SameSite=Strict").doesNotContain("Max-Age");
        String token = first.getResponse().getCookie(CsrfTokens.COOKIE).getValue();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(html(first).select("input[name=_csrf]").val()).isEqualTo(token);

        MvcResult second = mvc.perform(get("/signin")).andReturn();
        assertThat(second.getResponse().getCookie(CsrfTokens.COOKIE).getValue()).isNotEqualTo(token);
    }

    @Test
    void aBrowserKeepsItsTokenAcrossForms() throws Exception {
        Csrf csrf = csrf();
        MvcResult again = mvc.perform(get("/register").cookie(csrf.cookie())).andReturn();
        assertThat(again.getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                .noneMatch(value -> value.startsWith(CsrfTokens.COOKIE));
        assertThat(html(again).select("input[name=_csrf]").val()).isEqualTo(csrf.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/signin", "/consent", "/register"})
    void postWithoutAnyTokenIsForbidden(String path) throws Exception {
        authorizationRequests.add("req-1", List.of("openid"), false, false);
        MvcResult result = mvc.perform(post(path)
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                        .cookie(sessionCookie())
                        .param("email", FakeSignInService.EMAIL)
                        .param("password", FakeSignInService.PASSWORD)
                        .param("name", "Hanako")
                        .param("request", "req-1")
                        .param("decision", "approve"))
                .andExpect(status().isForbidden())
                .andReturn();
        Document page = html(result);
        assertAccessible(page, EN);
        assertThat(page.select("h1").text()).isEqualTo("The form could not be accepted");
        assertThat(page.select("#retry-link").attr("href")).isEqualTo(path + "?request=req-1");
        assertThat(result.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(signIn.attempts).isEmpty();
        assertThat(authorizationRequests.decisions).isEmpty();
        assertThat(registrations.registrations).isEmpty();
    }

    @Test
    void postWithTheCookieButNoFieldIsForbidden() throws Exception {
        Csrf csrf = csrf();
        mvc.perform(post("/signin").cookie(csrf.cookie())
                        .param("email", FakeSignInService.EMAIL).param("password", FakeSignInService.PASSWORD))
                .andExpect(status().isForbidden());
        assertThat(signIn.attempts).isEmpty();
    }

    @Test
    void postWithTheFieldButNoCookieIsForbidden() throws Exception {
        Csrf csrf = csrf();
        mvc.perform(post("/signin").param(CsrfTokens.FIELD, csrf.field())
                        .param("email", FakeSignInService.EMAIL).param("password", FakeSignInService.PASSWORD))
                .andExpect(status().isForbidden());
        assertThat(signIn.attempts).isEmpty();
    }

    @Test
    void postWithAWrongTokenIsForbidden() throws Exception {
        Csrf csrf = csrf();
        mvc.perform(post("/consent").cookie(csrf.cookie(), sessionCookie())
                        .param(CsrfTokens.FIELD, OTHER_TOKEN)
                        .param("request", "req-1").param("decision", "approve"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/register").cookie(new Cookie(CsrfTokens.COOKIE, "short"))
                        .param(CsrfTokens.FIELD, "short")
                        .param("name", "Hanako").param("email", "h@example.jp").param("password", "0123456789ab"))
                .andExpect(status().isForbidden());
        assertThat(authorizationRequests.decisions).isEmpty();
        assertThat(registrations.registrations).isEmpty();
    }

    @Test
    void theForbiddenPageIsJapaneseForJapaneseBrowsers() throws Exception {
        Document page = html(mvc.perform(post("/signin").header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
                .andExpect(status().isForbidden()).andReturn());
        assertAccessible(page, JA);
        assertThat(page.select("h1").text()).isEqualTo("フォームを受け付けられませんでした");
    }
}
