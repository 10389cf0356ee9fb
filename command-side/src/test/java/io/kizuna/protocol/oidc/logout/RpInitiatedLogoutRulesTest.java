package io.kizuna.protocol.oidc.logout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The small rules of OIDC RP-Initiated Logout 1.0 that need no server. */
class RpInitiatedLogoutRulesTest {

    @Test
    @DisplayName("§3: state is appended URL-encoded, after an existing query with &")
    void stateIsAppendedToTheRegisteredUri() {
        assertThat(RpInitiatedLogouts.redirectTo(new PendingLogouts.Pending("c", "https://rp.example.jp/bye", "a b&c",
                null, null))).isEqualTo("https://rp.example.jp/bye?state=a+b%26c");
        assertThat(RpInitiatedLogouts.redirectTo(new PendingLogouts.Pending("c", "https://rp.example.jp/bye?x=1", "s",
                null, null))).isEqualTo("https://rp.example.jp/bye?x=1&state=s");
        assertThat(RpInitiatedLogouts.redirectTo(new PendingLogouts.Pending("c", "https://rp.example.jp/bye", null,
                null, null))).isEqualTo("https://rp.example.jp/bye");
        assertThat(RpInitiatedLogouts.redirectTo(new PendingLogouts.Pending("c", null, "s", null, null))).isNull();
    }

    @Test
    @DisplayName("§2 ui_locales: the first of ja / en listed decides; others are skipped; none leaves the page's own choice")
    void uiLocalesPicksTheFirstSupportedLanguage() {
        assertThat(EndSessionEndpoint.language("fr-CA ja-JP en")).isEqualTo("&lang=ja");
        assertThat(EndSessionEndpoint.language("en-GB ja")).isEqualTo("&lang=en");
        assertThat(EndSessionEndpoint.language("de fr")).isEmpty();
        assertThat(EndSessionEndpoint.language(null)).isEmpty();
    }
}
