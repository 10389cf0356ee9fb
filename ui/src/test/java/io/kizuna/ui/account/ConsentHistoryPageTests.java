package io.kizuna.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.ui.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("GET /account/apps/{clientId}/history (consent history)")
class ConsentHistoryPageTests extends PageTestSupport {

    @Test
    void requestWhenNotSignedInThenRedirectedToSignIn() throws Exception {
        MvcResult result = mvc.perform(get("/account/apps/shop-demo/history")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/signin");
    }

    @Test
    @DisplayName("every line in English: when, what happened (with the reason), which information")
    void requestWhenSignedInThenHistoryInEnglish() throws Exception {
        MvcResult result = mvc.perform(get("/account/apps/shop-demo/history").cookie(sessionCookie())
                .header("Accept-Language", EN)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = html(result);
        assertAccessible(page, EN);
        assertThat(page.selectFirst("h1").text()).isEqualTo("History: shop.example.jp");
        assertThat(page.select("tr.entry").eachAttr("data-kind"))
                .containsExactly("access_ended", "used", "extended", "access_ended", "granted");
        assertThat(page.select("tr.entry td:nth-child(2)").eachText()).containsExactly(
                "Access ended (you signed out)",
                "The app obtained access 3 time(s) that day",
                "You approved more access",
                "Access ended (ended by Kizuna)",
                "You approved access");
        assertThat(page.select("tr.entry td:nth-child(1)").eachText()).containsExactly(
                "2026-11-20 11:00 UTC", "2026-11-20 (UTC)", "2026-11-02 09:00 UTC", "2026-11-01 10:00 UTC",
                "2026-11-01 09:00 UTC");
        assertThat(page.select("tr[data-kind=extended] li[data-scope]").eachText())
                .containsExactly("Your e-mail address");
        assertThat(page.select("table#history th[scope=col]")).hasSize(3);
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
    }

    @Test
    void requestInJapaneseThenJapaneseLines() throws Exception {
        Document page = html(mvc.perform(get("/account/apps/shop-demo/history").cookie(sessionCookie())
                .header("Accept-Language", JA)).andReturn());
        assertAccessible(page, JA);
        assertThat(page.selectFirst("h1").text()).isEqualTo("履歴: shop.example.jp");
        assertThat(page.select("tr.entry td:nth-child(2)").eachText()).contains(
                "アクセスが終了しました(ログアウトしたため)", "この日、アプリがアクセス権を 3 回取得しました", "利用を許可しました");
    }

    @Test
    @DisplayName("a withdrawn consent keeps its history; a client without any answers 404")
    void requestForWithdrawnOrUnknownClient() throws Exception {
        Document gone = html(mvc.perform(get("/account/apps/gone-demo/history").cookie(sessionCookie())
                .header("Accept-Language", EN)).andReturn());
        assertThat(gone.selectFirst("h1").text()).isEqualTo("History: gone-demo");
        assertThat(gone.select("tr.entry").eachAttr("data-kind")).containsExactly("revoked");

        assertThat(mvc.perform(get("/account/apps/someone-elses/history").cookie(sessionCookie())).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void accountPageLinksEachAppToItsHistory() throws Exception {
        Document page = html(mvc.perform(get("/account").cookie(sessionCookie()).header("Accept-Language", EN))
                .andReturn());
        assertThat(page.selectFirst("#history-shop-demo").attr("href")).isEqualTo("/account/apps/shop-demo/history");
        assertThat(page.selectFirst("#history-shop-demo").attr("aria-label"))
                .isEqualTo("History of your consent for shop.example.jp");
    }
}
