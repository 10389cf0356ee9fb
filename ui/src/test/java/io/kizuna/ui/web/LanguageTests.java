package io.kizuna.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.ui.PageTestSupport;
import jakarta.servlet.http.Cookie;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

class LanguageTests extends PageTestSupport {

    @Test
    void langParameterSwitchesAndIsRemembered() throws Exception {
        MvcResult switched = mvc.perform(get("/signin?lang=ja").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                .andExpect(status().isOk()).andReturn();
        assertThat(html(switched).selectFirst("html").attr("lang")).isEqualTo("ja");
        String setCookie = switched.getResponse().getHeaders(HttpHeaders.SET_COOKIE).stream()
                .filter(value -> value.startsWith(Languages.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).startsWith("KIZUNA_LANG=ja;").contains("; Path=/", "; HttpOnly", "; SameSite=Lax");

        Document remembered = html(mvc.perform(get("/register")
                        .cookie(new Cookie(Languages.COOKIE, "ja"))
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                .andExpect(status().isOk()).andReturn());
        assertThat(remembered.selectFirst("html").attr("lang")).isEqualTo("ja");
        assertThat(remembered.select("#lang-ja").attr("aria-current")).isEqualTo("true");
        assertThat(remembered.select("#lang-en").hasAttr("aria-current")).isFalse();

        Document back = html(mvc.perform(get("/register?lang=en").cookie(new Cookie(Languages.COOKIE, "ja")))
                .andReturn());
        assertThat(back.selectFirst("html").attr("lang")).isEqualTo("en");
    }

    @Test
    void unsupportedLanguagesFallBackToEnglishOrTheNextSupportedPreference() throws Exception {
        assertThat(lang(get("/signin").header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR"))).isEqualTo("en");
        assertThat(lang(get("/signin").header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR, ja;q=0.5"))).isEqualTo("ja");
        assertThat(lang(get("/signin"))).isEqualTo("en");
        assertThat(lang(get("/signin?lang=de").header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))).isEqualTo("ja");
        assertThat(lang(get("/signin").cookie(new Cookie(Languages.COOKIE, "de"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))).isEqualTo("ja");
        assertThat(lang(get("/signin").cookie(new Cookie(Languages.COOKIE, "%%%")))).isEqualTo("en");
    }

    private String lang(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return html(mvc.perform(request).andExpect(status().isOk()).andReturn()).selectFirst("html").attr("lang");
    }

    @Test
    void japaneseAndEnglishHaveTheSameKeys() throws Exception {
        Properties english = load("/messages.properties");
        Properties japanese = load("/messages_ja.properties");
        assertThat(japanese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        assertThat(load("/messages_en.properties")).isEmpty();
        for (String key : japanese.stringPropertyNames()) {
            assertThat(japanese.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void englishStaysEnglishOnAJapaneseServer() {
        Locale jvmDefault = Locale.getDefault();
        try {
            Locale.setDefault(Locale.JAPAN);
            ResourceBundle.clearCache();
            ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
            messages.setBasename("messages");
            messages.setDefaultEncoding("UTF-8");
            messages.setFallbackToSystemLocale(true);
            assertThat(messages.getMessage("signin.heading", null, Locale.ENGLISH)).isEqualTo("Sign in");
            assertThat(messages.getMessage("signin.heading", null, Locale.JAPANESE)).isEqualTo("ログイン");
        } finally {
            Locale.setDefault(jvmDefault);
            ResourceBundle.clearCache();
        }
    }

    private static Properties load(String resource) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = LanguageTests.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
