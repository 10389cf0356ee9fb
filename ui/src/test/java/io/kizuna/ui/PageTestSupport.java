package io.kizuna.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kizuna.api.session.SignInService;
import io.kizuna.ui.fakes.FakeAuthorizationRequests;
import io.kizuna.ui.fakes.FakeMemberRegistrations;
import io.kizuna.ui.fakes.FakeSignInService;
import io.kizuna.ui.web.CsrfTokens;
import jakarta.servlet.http.Cookie;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The pages against the fakes, through MockMvc with the real filter and interceptors. */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class PageTestSupport {

    protected static final String JA = "ja";
    protected static final String EN = "en";

    @Autowired protected MockMvc mvc;
    @Autowired protected FakeSignInService signIn;
    @Autowired protected FakeAuthorizationRequests authorizationRequests;
    @Autowired protected FakeMemberRegistrations registrations;

    @BeforeEach
    void resetFakes() {
        signIn.reset();
        authorizationRequests.reset();
        registrations.reset();
    }

    /** A CSRF token as a browser holds it after rendering a form: the cookie and the field. */
    protected record Csrf(Cookie cookie, String field) {
    }

    protected Csrf csrf() throws Exception {
        MvcResult form = mvc.perform(get("/signin")).andReturn();
        Cookie cookie = form.getResponse().getCookie(CsrfTokens.COOKIE);
        String field = html(form).selectFirst("input[name=_csrf]").val();
        assertThat(cookie).isNotNull();
        assertThat(field).isEqualTo(cookie.getValue());
        return new Csrf(cookie, field);
    }

    protected MockHttpServletRequestBuilder postForm(String path, Csrf csrf, Cookie... cookies) {
        Cookie[] all = Arrays.copyOf(cookies, cookies.length + 1);
        all[cookies.length] = csrf.cookie();
        return post(path).cookie(all).param(CsrfTokens.FIELD, csrf.field());
    }

    protected static Cookie sessionCookie() {
        return new Cookie(SignInService.SESSION_COOKIE, FakeSignInService.SESSION);
    }

    protected static Document html(MvcResult result) throws Exception {
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    /**
     * What every page must have to be usable with a screen reader and a keyboard: the language of its
     * text, one main landmark and one h1, a label for each control, aria references that resolve,
     * alerts with text, and buttons with names.
     */
    protected static void assertAccessible(Document page, String language) {
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo(language);
        assertThat(page.title()).isNotBlank();
        assertThat(page.select("main")).hasSize(1);
        assertThat(page.select("h1")).hasSize(1);
        assertThat(page.select("h1").text()).isNotBlank();
        assertThat(page.select("a.skip-link").attr("href")).isEqualTo("#main");
        assertThat(page.select("nav.language-switch a[hreflang=ja]")).hasSize(1);
        assertThat(page.select("nav.language-switch a[hreflang=en]")).hasSize(1);
        Set<String> ids = new HashSet<>();
        for (Element element : page.select("[id]")) {
            assertThat(ids.add(element.id())).as("duplicate id %s", element.id()).isTrue();
        }
        for (Element control : page.select("input:not([type=hidden]), select, textarea")) {
            assertThat(control.id()).as("control %s has an id", control.attr("name")).isNotBlank();
            assertThat(page.select("label[for=" + control.id() + "]"))
                    .as("label for #%s", control.id()).hasSize(1);
            assertThat(page.select("label[for=" + control.id() + "]").text()).isNotBlank();
            for (String reference : List.of(control.attr("aria-describedby").split("\\s+"))) {
                if (!reference.isEmpty()) {
                    assertThat(page.getElementById(reference)).as("#%s described by #%s", control.id(), reference)
                            .isNotNull();
                }
            }
        }
        for (Element alert : page.select("[role=alert]")) {
            assertThat(alert.text()).isNotBlank();
            assertThat(page.select("[aria-describedby~=" + alert.id() + "]"))
                    .as("alert #%s is linked from a field", alert.id()).isNotEmpty();
        }
        for (Element button : page.select("button")) {
            assertThat(button.text()).isNotBlank();
            assertThat(button.attr("type")).isEqualTo("submit");
        }
        for (Element form : page.select("form")) {
            assertThat(form.attr("method")).isEqualTo("post");
            assertThat(form.select("input[type=hidden][name=_csrf]")).hasSize(1);
        }
    }
}
