package io.kizuna.protocol.cors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 6454 §6.1: what counts as a serialized origin for matching against redirect URIs. */
class BrowserOriginsTest {

    @Test
    @DisplayName("RFC 6454 §6.1: scheme and host in lower case, default ports dropped, other ports kept")
    void normalizesSerializedOrigins() {
        assertThat(BrowserOrigins.normalize("https://App.Example.jp")).isEqualTo("https://app.example.jp");
        assertThat(BrowserOrigins.normalize("https://app.example.jp:443")).isEqualTo("https://app.example.jp");
        assertThat(BrowserOrigins.normalize("http://localhost:80")).isEqualTo("http://localhost");
        assertThat(BrowserOrigins.normalize("http://localhost:5173")).isEqualTo("http://localhost:5173");
    }

    @Test
    @DisplayName("RFC 6454 §7.3: the opaque origin 'null', paths, user info, other schemes and oversized values match nothing")
    void refusesWhatIsNotAnOrigin() {
        assertThat(BrowserOrigins.normalize("null")).isNull();
        assertThat(BrowserOrigins.normalize("https://app.example.jp/cb")).isNull();
        assertThat(BrowserOrigins.normalize("https://user@app.example.jp")).isNull();
        assertThat(BrowserOrigins.normalize("com.example.app://cb")).isNull();
        assertThat(BrowserOrigins.normalize("https://app.example.jp?x=1")).isNull();
        assertThat(BrowserOrigins.normalize("https://" + "a".repeat(600) + ".jp")).isNull();
        assertThat(BrowserOrigins.normalize(null)).isNull();
    }
}
