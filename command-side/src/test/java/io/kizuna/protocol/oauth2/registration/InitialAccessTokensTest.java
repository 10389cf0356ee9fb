package io.kizuna.protocol.oauth2.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.crypto.TokenHashes;
import io.kizuna.protocol.oauth2.error.OAuthException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class InitialAccessTokensTest {

    @Test
    @DisplayName("RFC 7591 §3: with no initial access token configured, registration is closed (invalid_token)")
    void requestWhenNoneConfiguredThenClosed() {
        InitialAccessTokens tokens = new InitialAccessTokens(new MockEnvironment());
        assertThatThrownBy(() -> tokens.require("Bearer anything"))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_token");
                    assertThat(e.description()).contains("closed");
                    assertThat(e.wwwAuthenticate()).contains("error=\"invalid_token\"");
                });
    }

    @Test
    @DisplayName("RFC 7591 §3: a configured token is recognised by its SHA-256; the plain value is never configured")
    void requestWhenConfiguredHashMatchesThenAccepted() {
        MockEnvironment environment = new MockEnvironment().withProperty(InitialAccessTokens.PROPERTY,
                TokenHashes.sha256("other") + "," + TokenHashes.sha256("secret-iat"));
        InitialAccessTokens tokens = new InitialAccessTokens(environment);
        assertThatCode(() -> tokens.require("Bearer secret-iat")).doesNotThrowAnyException();
        assertThatThrownBy(() -> tokens.require("Bearer " + TokenHashes.sha256("secret-iat")))
                .isInstanceOf(OAuthException.class);
        assertThatThrownBy(() -> tokens.require(null)).isInstanceOf(OAuthException.class);
    }
}
