package io.kizuna.protocol.oauth2.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OAuthErrorsTest {
    static final String RFC6749_5_2_CHARSET = "[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*";

    @Test
    @DisplayName("RFC 6749 §5.2: error_description keeps to %x20-21 / %x23-5B / %x5D-7E")
    void descriptionIsPrintableAsciiWithoutQuoteOrBackslash() {
        String cleaned = OAuthErrors.description("code_challenge is required (RFC 7636 §4.4.1) — \"S256\" \\ é…\n→");
        assertThat(cleaned).matches(RFC6749_5_2_CHARSET)
                .isEqualTo("code_challenge is required (RFC 7636 section 4.4.1) - 'S256' / ?... ->");
    }

    @Test
    void plainDescriptionsStayAsTheyAre() {
        assertThat(OAuthErrors.description("the client is unknown")).isEqualTo("the client is unknown");
        assertThat(OAuthErrors.description(null)).isNull();
    }
}
