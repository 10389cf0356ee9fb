package io.kizuna.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.ui.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("GET /account (connected apps)")
class AccountPageTests extends PageTestSupport {

    @Test
    void requestWhenNotSignedInThenRedirectedToSignIn() throws Exception {
        MvcResult result = mvc.perform(get("/account")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin");
    }

    @Test
    void requestWhenSignedInThenEveryConnectedAppWithWhatItMayUse() throws Exception {
        MvcResult result = mvc.perform(get("/account").cookie(sessionCookie()).header("Accept-Language", EN)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = html(result);
        assertAccessible(page, EN);
        assertThat(page.select("li.app h2").eachText()).containsExactly("shop.example.jp", "www.example.jp");
        assertThat(page.select("li[data-client-id=shop-demo] li[data-scope]").eachText())
                .containsExactly("Your e-mail address", "Your member ID");
        assertThat(page.select("li[data-client-id=www-demo] li[data-scope=custom:scope]").text())
                .contains("custom:scope");
        assertThat(page.select("li[data-client-id=shop-demo] time").eachText())
                .containsExactly("2026-11-01 09:00 UTC", "2026-11-20 10:30 UTC");
        assertThat(page.select("li[data-client-id=www-demo]").text()).contains("Not yet");
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
    }

    @Test
    void requestWhenJapaneseThenJapanesePage() throws Exception {
        Document page = html(mvc.perform(get("/account").cookie(sessionCookie()).header("Accept-Language", JA))
                .andReturn());
        assertAccessible(page, JA);
        assertThat(page.selectFirst("h1").text()).isEqualTo("連携中のアプリ");
        assertThat(page.select("li[data-client-id=shop-demo] li[data-scope=email]").text()).isEqualTo("メールアドレス");
    }
}
