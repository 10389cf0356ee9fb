package io.kizuna.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CIDR matching (RFC 4632 §3.1 prefixes, IPv6 RFC 4291 §2.3) and literal-only parsing. */
class CidrTest {

    @Test
    @DisplayName("prefixes on and off byte boundaries, both families, /0 and host routes")
    void prefixesMatchBitByBit() {
        assertThat(Cidr.parse("10.0.0.0/8").contains("10.255.1.2")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains("11.0.0.1")).isFalse();
        assertThat(Cidr.parse("192.168.0.0/23").contains("192.168.1.250")).isTrue();
        assertThat(Cidr.parse("192.168.0.0/23").contains("192.168.2.1")).isFalse();
        assertThat(Cidr.parse("172.16.0.0/12").contains("172.31.255.255")).isTrue();
        assertThat(Cidr.parse("172.16.0.0/12").contains("172.32.0.0")).isFalse();
        assertThat(Cidr.parse("203.0.113.7").contains("203.0.113.7")).isTrue();
        assertThat(Cidr.parse("203.0.113.7").contains("203.0.113.6")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("198.51.100.1")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:ffff::1")).isTrue();
        assertThat(Cidr.parse("2001:db8::/33").contains("2001:db8:8000::1")).isFalse();
        assertThat(Cidr.parse("::1/128").contains("::1")).isTrue();
        assertThat(Cidr.parse("::1/128").contains("127.0.0.1")).as("another family").isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains((String) null)).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains("localhost")).isFalse();
    }

    @Test
    @DisplayName("only literals: host names, hex words and out-of-range octets are refused without a DNS lookup")
    void onlyLiterals() {
        for (String bad : new String[] {"intranet.example/8", "cafe", "10.0.0.300/8", "10.0.0/8", "::1::2/64",
                "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x", ""}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Cidr.addressOf("cafe")).isNull();
        assertThat(Cidr.addressOf("10.0.0.256")).isNull();
        assertThat(Cidr.addressOf("2001:db8::1")).hasSize(16);
    }
}
