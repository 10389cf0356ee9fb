package io.kizuna.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.api.session.SignInService;
import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeAccountDeletions;
import io.kizuna.ui.fakes.FakeSignInService;
import jakarta.servlet.http.Cookie;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("GET/POST /account/delete (account deletion with confirmation)")
class AccountDeletionPageTests extends PageTestSupport {
    @Autowired
    FakeAccountDeletions deletions;

    @BeforeEach
    void clear() {
        deletions.deleted.clear();
    }

    @Test
    void requestWhenSignedInThenConfirmationPageInBothLanguages() throws Exception {
        for (String language : new String[] {JA, EN}) {
            MvcResult result = mvc.perform(get("/account/delete").cookie(sessionCookie())
                    .header("Accept-Language", language)).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            Document page = html(result);
            assertAccessible(page, language);
            assertThat(page.selectFirst("input#confirm").attr("type")).isEqualTo("checkbox");
        }
    }

    @Test
    void requestWhenNotTickedOrWrongPasswordThen400AndNothingDeleted() throws Exception {
        MvcResult unticked = mvc.perform(postForm("/account/delete", csrf(), sessionCookie())
                .param("current", FakeSignInService.PASSWORD).header("Accept-Language", EN)).andReturn();
        assertThat(unticked.getResponse().getStatus()).isEqualTo(400);
        assertAccessible(html(unticked), EN);
        MvcResult wrong = mvc.perform(postForm("/account/delete", csrf(), sessionCookie())
                .param("current", "not it").param("confirm", "yes")).andReturn();
        assertThat(wrong.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(wrong).selectFirst("#delete-error").attr("role")).isEqualTo("alert");
        assertThat(deletions.deleted).isEmpty();
    }

    @Test
    void requestWhenConfirmedThenDeletedAndSessionCookieCleared() throws Exception {
        MvcResult result = mvc.perform(postForm("/account/delete", csrf(), sessionCookie())
                .param("current", FakeSignInService.PASSWORD).param("confirm", "yes")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(result).selectFirst("#deleted-notice")).isNotNull();
        Cookie cleared = result.getResponse().getCookie(SignInService.SESSION_COOKIE);
        assertThat(cleared).isNotNull();
        assertThat(cleared.getMaxAge()).isZero();
        assertThat(deletions.deleted).hasSize(1);
    }

    @Test
    void requestWithoutCsrfThenRefused() throws Exception {
        MvcResult result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/account/delete").cookie(sessionCookie()).param("current", FakeSignInService.PASSWORD)
                .param("confirm", "yes")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        assertThat(deletions.deleted).isEmpty();
    }
}
