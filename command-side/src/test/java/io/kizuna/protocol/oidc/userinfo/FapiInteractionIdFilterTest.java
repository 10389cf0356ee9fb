package io.kizuna.protocol.oidc.userinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FapiInteractionIdFilterTest {

    @Test
    @DisplayName("FAPI 1.0 Baseline §6.2.1 item 11: an RFC 4122 UUID is echoed as sent, in either case")
    void interactionIdWhenUuidThenEchoed() {
        String id = UUID.randomUUID().toString();
        assertThat(FapiInteractionIdFilter.interactionId(id)).isEqualTo(id);
        assertThat(FapiInteractionIdFilter.interactionId(id.toUpperCase())).isEqualTo(id.toUpperCase());
    }

    @Test
    @DisplayName("FAPI 1.0 Baseline §6.2.1 item 11: missing, short-form or foreign values get a fresh UUID, never an echo")
    void interactionIdWhenNotCanonicalUuidThenFresh() {
        for (String bad : new String[] {null, "", "1-1-1-1-1", "0000000000000000000000000000000000000",
                "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "12345678-1234-1234-1234-1234567890ab\r\n"}) {
            String answered = FapiInteractionIdFilter.interactionId(bad);
            assertThat(answered).as(String.valueOf(bad)).isNotEqualTo(bad);
            assertThat(UUID.fromString(answered).toString()).isEqualTo(answered);
        }
    }
}
