package io.kizuna.protocol.oauth2.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9101 §10.4.1 (SSRF): the addresses a request_uri must not reach unless its host is allow-listed. */
class RequestUriFetcherTest {

    static boolean internal(String ip) throws Exception {
        return io.kizuna.net.OutboundGuard.internal(InetAddress.getByName(ip));
    }

    @Test
    @DisplayName("RFC 9101 §10.4.1: loopback, private, link-local, shared, unspecified, unique-local and multicast addresses are internal")
    void internalAddresses() throws Exception {
        for (String ip : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fd00::1", "::",
                "::ffff:127.0.0.1"}) {
            assertThat(internal(ip)).as(ip).isTrue();
        }
    }

    @Test
    @DisplayName("public addresses are fetched")
    void publicAddresses() throws Exception {
        for (String ip : new String[] {"93.184.216.34", "8.8.8.8", "100.128.0.1", "2001:4860:4860::8888"}) {
            assertThat(internal(ip)).as(ip).isFalse();
        }
    }

    @Test
    @DisplayName("kizuna.request-uri.allowed-hosts names hosts exactly, case-insensitively")
    void allowList() {
        RequestUriProperties properties = new RequestUriProperties(java.util.List.of("LocalHost.emobix.co.uk"),
                false, null, null);
        assertThat(properties.allowsInternal("localhost.emobix.co.uk")).isTrue();
        assertThat(properties.allowsInternal("evil.localhost.emobix.co.uk")).isFalse();
        assertThat(properties.allowsInternal("127.0.0.1")).isFalse();
    }
}
