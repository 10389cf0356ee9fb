package io.kizuna.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.ui.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("GET/POST /account/profile (OIDC Core §5.1 claims in the account console)")
class ProfilePageTests extends PageTestSupport {

    @Test
    void requestWhenSignedInThenFormFilledInBothLanguages() throws Exception {
        for (String language : new String[] {JA, EN}) {
            MvcResult result = mvc.perform(get("/account/profile").cookie(sessionCookie())
                    .header("Accept-Language", language)).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            Document page = html(result);
            assertAccessible(page, language);
            assertThat(page.selectFirst("input#email").attr("autocomplete")).isEqualTo("email");
            assertThat(page.selectFirst("input#phone").attr("type")).isEqualTo("tel");
        }
    }

    @Test
    void requestWhenEmailTakenOrPhoneBadThen400WithTheFieldMarked() throws Exception {
        MvcResult taken = mvc.perform(postForm("/account/profile", csrf(), sessionCookie()).param("name", "花子")
                .param("email", "taken@example.jp").header("Accept-Language", EN)).andReturn();
        assertThat(taken.getResponse().getStatus()).isEqualTo(400);
        Document page = html(taken);
        assertAccessible(page, EN);
        assertThat(page.selectFirst("input#email").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.selectFirst("input#email").val()).isEqualTo("taken@example.jp");
        MvcResult phone = mvc.perform(postForm("/account/profile", csrf(), sessionCookie()).param("name", "花子")
                .param("email", "hanako@example.jp").param("phone", "0x0")).andReturn();
        assertThat(phone.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(phone).selectFirst("#phone-error").attr("role")).isEqualTo("alert");
    }

    @Test
    void requestWhenSavedThenRedirectWithNotice() throws Exception {
        MvcResult saved = mvc.perform(postForm("/account/profile", csrf(), sessionCookie()).param("name", "山田 花子")
                .param("email", "new-hanako@example.jp").param("phone", "+81 3-1234-5678")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(303);
        assertThat(saved.getResponse().getHeader("Location")).endsWith("/account/profile?saved=email");
    }

    @Test
    void requestWithoutCsrfThenRefused() throws Exception {
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                "/account/profile").cookie(sessionCookie()).param("name", "x").param("email", "x@example.jp"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
