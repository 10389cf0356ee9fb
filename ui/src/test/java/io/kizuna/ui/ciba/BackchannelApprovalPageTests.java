package io.kizuna.ui.ciba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeBackchannelAuthentications;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/** The demo authentication device of OpenID Connect CIBA Core 1.0 ({@code /account/ciba}). */
class BackchannelApprovalPageTests extends PageTestSupport {

    @Autowired
    FakeBackchannelAuthentications requests;

    @BeforeEach
    void reset() {
        requests.reset();
    }

    @Test
    @DisplayName("CIBA §1, §7.1: the member sees the app, the binding message and the scopes, in English and Japanese")
    void requestWhenSignedInThenPendingRequests() throws Exception {
        Document en = html(mvc.perform(get("/account/ciba").cookie(sessionCookie())
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andExpect(status().isOk()).andReturn());
        assertAccessible(en, EN);
        assertThat(en.select("h1").text()).isEqualTo("Sign-in requests from apps");
        assertThat(en.select(".client-name").text()).isEqualTo("Example Bank");
        assertThat(en.select(".binding-message").text()).isEqualTo("KZ-4711");
        assertThat(en.select("ul.scopes li")).hasSize(2);
        assertThat(en.select("form.decision input[name=_csrf]")).hasSize(1);
        assertThat(en.select("form.decision input[name=request]").val()).isEqualTo(FakeBackchannelAuthentications.REFERENCE);
        Document ja = html(mvc.perform(get("/account/ciba").cookie(sessionCookie())
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja")).andExpect(status().isOk()).andReturn());
        assertAccessible(ja, JA);
        assertThat(ja.select("h1").text()).isEqualTo("アプリからのログイン要求");
    }

    @Test
    @DisplayName("CIBA §1: without a session the page sends the member to sign in first")
    void requestWhenNotSignedInThenSignIn() throws Exception {
        mvc.perform(get("/account/ciba")).andExpect(status().isSeeOther())
                .andExpect(header().string(HttpHeaders.LOCATION, "/signin?next=/account/ciba"));
    }

    @Test
    @DisplayName("CIBA §1: approving records the decision once and says so")
    void requestWhenApprovedThenRecorded() throws Exception {
        mvc.perform(postForm("/account/ciba", csrf()).cookie(sessionCookie())
                        .param("request", FakeBackchannelAuthentications.REFERENCE).param("decision", "approve"))
                .andExpect(status().isSeeOther())
                .andExpect(header().string(HttpHeaders.LOCATION, "/account/ciba?result=approved"));
        assertThat(requests.decisions).containsExactly(FakeBackchannelAuthentications.REFERENCE + ":approve");
    }

    @Test
    @DisplayName("CIBA §1: a decision without the CSRF token is refused and nothing is recorded")
    void requestWhenNoCsrfTokenThenRefused() throws Exception {
        int status = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/account/ciba")
                        .cookie(sessionCookie()).param("request", FakeBackchannelAuthentications.REFERENCE)
                        .param("decision", "approve"))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403);
        assertThat(requests.decisions).isEmpty();
    }
}
