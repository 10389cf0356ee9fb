package io.kizuna.member;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.LedgerRejection;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    @Test
    void acceptsALongUncommonPassword() {
        assertThatCode(() -> PasswordRules.check("correct horse battery staple".toCharArray())).doesNotThrowAnyException();
    }

    @Test
    void refusesTooShortAndTooLong() {
        assertThatThrownBy(() -> PasswordRules.check("short".toCharArray()))
                .isInstanceOf(LedgerRejection.class).extracting("code").isEqualTo("weak_password");
        assertThatThrownBy(() -> PasswordRules.check("x".repeat(257).toCharArray()))
                .isInstanceOf(LedgerRejection.class).extracting("code").isEqualTo("weak_password");
        assertThatThrownBy(() -> PasswordRules.check(null))
                .isInstanceOf(LedgerRejection.class).extracting("code").isEqualTo("weak_password");
    }

    @Test
    void refusesCommonPasswordsWhateverTheirCase() {
        for (String common : new String[] {"password123", "PASSWORD1234", "1234567890", "Qwertyuiop"}) {
            assertThatThrownBy(() -> PasswordRules.check(common.toCharArray())).as(common)
                    .isInstanceOf(LedgerRejection.class).extracting("code").isEqualTo("common_password");
        }
    }
}
