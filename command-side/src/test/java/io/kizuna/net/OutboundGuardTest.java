package io.kizuna.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundGuardTest {
    private final OutboundGuard guard = new OutboundGuard(new OutboundProperties(List.of(" Conformance.Example.JP ")));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/x", "http://localhost:8080/x", "http://10.1.2.3/x",
            "http://172.16.0.1/x", "http://192.168.1.1/x", "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/x", "http://0.0.0.0/x", "http://[::1]/x", "http://[fd00::1]/x", "http://[fe80::1]/x",
            "http://[::ffff:127.0.0.1]/x", "http://224.0.0.1/x", "http://255.255.255.255/x"})
    @DisplayName("RFC 9101 §10.4.1, RFC 7591 §5 (SSRF): loopback, private, link-local (cloud metadata), shared,"
            + " unique-local, mapped, multicastand broadcast addresses are refused")
    void checkWhenInternalThenRefused(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url))).isInstanceOf(OutboundGuard.Refused.class)
                .hasMessageContaining("kizuna.outbound.allowed-hosts");
    }

    @Test
    @DisplayName("public addresses pass; a host in kizuna.outbound.allowed-hosts passes whatever it resolves to"
            + " (case-insensitive); a URL without host or an unresolvable host is refused")
    void checkWhenPublicOrAllowedThenPasses() {
        assertThatCode(() -> guard.check(URI.create("https://93.184.215.14/jwks"))).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("https://[2606:4700::1111]/jwks"))).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("https://conformance.example.jp:8443/cb")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check(URI.create("urn:x:y"))).isInstanceOf(OutboundGuard.Refused.class);
        assertThatThrownBy(() -> guard.check(URI.create("https://no-such-host.invalid/jwks")))
                .isInstanceOf(OutboundGuard.Refused.class).hasMessageContaining("resolved");
    }

    @Test
    @DisplayName("the allow-list is trimmed and lower-cased; empty entries are dropped")
    void propertiesWhenListedThenNormalised() {
        OutboundProperties properties = new OutboundProperties(List.of(" A.Example ", "", "b"));
        assertThat(properties.allowedHosts()).containsExactly("a.example", "b");
        assertThat(properties.allowsInternal("A.EXAMPLE")).isTrue();
        assertThat(properties.allowsInternal(null)).isFalse();
    }
}
