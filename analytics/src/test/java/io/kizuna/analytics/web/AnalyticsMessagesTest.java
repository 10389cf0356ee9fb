package io.kizuna.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Japanese and English say the same things, and every literal key a template uses exists. */
class AnalyticsMessagesTest {
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{(analytics\\.[A-Za-z0-9.\\-]+)[}(]");

    @Test
    @DisplayName("the ja and default (en) bundles have exactly the same keys")
    void japaneseAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(load("analytics_messages_ja.properties").stringPropertyNames())
                .isEqualTo(load("analytics_messages.properties").stringPropertyNames());
    }

    @Test
    @DisplayName("every #{analytics.…} key written in a template is defined")
    void everyTemplateKeyExists() throws IOException {
        Set<String> defined = load("analytics_messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates/analytics"))) {
            for (Path t : templates.toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(t));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(defined).containsAll(used);
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (var in = new InputStreamReader(AnalyticsMessagesTest.class.getResourceAsStream("/i18n/" + name),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }
}
