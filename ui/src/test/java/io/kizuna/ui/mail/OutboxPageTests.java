package io.kizuna.ui.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.ui.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

@DisplayName("GET /outbox (demo)")
@TestPropertySource(properties = "kizuna.demo.enabled=true")
class OutboxPageTests extends PageTestSupport {

    @Test
    void requestWhenDemoEnabledThenMailsNewestFirstInBothLanguages() throws Exception {
        MvcResult result = mvc.perform(get("/outbox").header("Accept-Language", EN)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = html(result);
        assertAccessible(page, EN);
        assertThat(page.select("li.mail").eachAttr("data-mail-id")).containsExactly("2", "1");
        assertThat(page.select("li.mail .recipient").eachText()).containsExactly("taro@example.jp", "hanako@example.jp");
        assertThat(page.select("li.mail pre.body").get(1).text()).contains("/verify-email?token=t1");
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");

        Document ja = html(mvc.perform(get("/outbox").header("Accept-Language", JA)).andReturn());
        assertAccessible(ja, JA);
        assertThat(ja.selectFirst("h1").text()).isEqualTo("送信トレイ（デモ）");
    }
}
