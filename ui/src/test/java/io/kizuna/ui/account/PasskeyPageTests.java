package io.kizuna.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kizuna.ui.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("GET/POST /account/passkeys (W3C WebAuthn registration page)")
class PasskeyPageTests extends PageTestSupport {

    @Test
    void requestWhenSignedInThenOptionsInTheFormAndTheScriptSameOrigin() throws Exception {
        for (String language : new String[] {JA, EN}) {
            MvcResult result = mvc.perform(get("/account/passkeys").cookie(sessionCookie())
                    .header("Accept-Language", language)).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            Document page = html(result);
            assertAccessible(page, language);
            assertThat(page.selectFirst("form#passkey-register").attr("data-options")).contains("\"challenge\"");
            assertThat(page.selectFirst("form#passkey-register").attr("data-webauthn")).isEqualTo("create");
            assertThat(page.select("script[src=/js/passkeys.js]")).hasSize(1);
            assertThat(page.select("script:not([src])")).as("no inline script (CSP)").isEmpty();
            assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("default-src 'self'")
                    .doesNotContain("unsafe-inline");
        }
    }

    @Test
    void requestWhenResponseRefusedThen400WithAnAlertLinkedFromTheButton() throws Exception {
        MvcResult result = mvc.perform(postForm("/account/passkeys", csrf(), sessionCookie())
                .param("credential", "{\"id\":\"x\"}").header("Accept-Language", EN)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = html(result);
        assertAccessible(page, EN);
        assertThat(page.selectFirst("#passkeys-error").attr("role")).isEqualTo("alert");
    }

    @Test
    void requestWithoutCsrfFieldThenRefused() throws Exception {
        MvcResult result = mvc.perform(post("/account/passkeys").cookie(sessionCookie()).param("credential", "{}"))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void requestWhenNotSignedInThenSignIn() throws Exception {
        assertThat(mvc.perform(get("/account/passkeys")).andReturn().getResponse().getStatus()).isEqualTo(303);
    }

    @Test
    void scriptIsServedAsJavaScript() throws Exception {
        MvcResult result = mvc.perform(get("/js/passkeys.js")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).contains("javascript");
        assertThat(result.getResponse().getContentAsString()).contains("navigator.credentials.create");
    }
}
