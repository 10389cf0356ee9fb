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
    @DisplayName("OIDC Core §5.1: the standard claims have labelled inputs with autocomplete tokens in both languages")
    void oidcCore_5_1_standardClaimInputsLabelled() throws Exception {
        for (String language : new String[] {JA, EN}) {
            Document page = html(mvc.perform(get("/account/profile").cookie(sessionCookie())
                    .header("Accept-Language", language)).andReturn());
            assertAccessible(page, language);
            for (String field : new String[] {"given_name", "middle_name", "family_name", "nickname",
                    "preferred_username", "gender", "birthdate", "profile", "picture", "website", "zoneinfo", "locale",
                    "street_address", "locality", "region", "postal_code", "country"}) {
                assertThat(page.select("label[for=" + field + "]")).as(field).hasSize(1);
                assertThat(page.selectFirst("input#" + field).attr("name")).isEqualTo(field);
            }
            assertThat(page.selectFirst("input#given_name").attr("autocomplete")).isEqualTo("given-name");
            assertThat(page.selectFirst("input#birthdate").attr("aria-describedby")).isEqualTo("birthdate-hint");
            assertThat(page.select("fieldset legend")).hasSize(5);
        }
    }

    @Test
    @DisplayName("OIDC Core §5.1: every invalid standard claim is marked at once, the typed values kept")
    void oidcCore_5_1_invalidStandardClaimsAllMarked() throws Exception {
        MvcResult result = mvc.perform(postForm("/account/profile", csrf(), sessionCookie()).param("standard", "1")
                .param("name", "花子").param("email", "hanako@example.jp").param("birthdate", "2999-01-01")
                .param("website", "nope").param("given_name", "花子").header("Accept-Language", EN)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = html(result);
        assertAccessible(page, EN);
        assertThat(page.selectFirst("input#birthdate").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.selectFirst("input#birthdate").attr("aria-describedby")).isEqualTo("birthdate-hint birthdate-error");
        assertThat(page.selectFirst("#website-error").text()).startsWith("Enter a web address");
        assertThat(page.selectFirst("input#given_name").val()).isEqualTo("花子");
        assertThat(page.selectFirst("input#given_name").hasAttr("aria-invalid")).isFalse();
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
