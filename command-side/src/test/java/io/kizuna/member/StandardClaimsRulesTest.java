package io.kizuna.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.member.ProfileRejected;
import io.kizuna.api.member.StandardClaims;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** OIDC Core §5.1 formats of the standard claims a member types, checked with Jakarta Validation. */
class StandardClaimsRulesTest {
    static ValidatorFactory factory;
    static StandardClaimsRules rules;

    @BeforeAll
    static void setUp() {
        factory = Validation.buildDefaultValidatorFactory();
        rules = new StandardClaimsRules(factory.getValidator());
    }

    @AfterAll
    static void tearDown() {
        factory.close();
    }

    static StandardClaims typed(String birthdate, String zoneinfo, String website, String preferredUsername) {
        return new StandardClaims(" 花子 ", "山田", "", null, preferredUsername, null, null, website, null, birthdate,
                zoneinfo, false, null, null, null, null, null, null);
    }

    @Test
    @DisplayName("OIDC Core §5.1: birthdate YYYY-MM-DD, 0000-MM-DD or YYYY; IANA zoneinfo; BCP 47 locale; "
            + "http(s) URLs; values stripped and blanks unset")
    void oidcCore_5_1_validValuesNormalised() {
        for (String birthdate : new String[] {"1990-04-01", "0000-02-29", "1990", null}) {
            StandardClaims checked = rules.check(typed(birthdate, "Asia/Tokyo", "https://a.example.jp/", "hanako"),
                    "ja-JP");
            assertThat(checked.birthdate()).isEqualTo(birthdate);
            assertThat(checked.givenName()).isEqualTo("花子");
            assertThat(checked.middleName()).as("blank is unset").isNull();
        }
        rules.check(typed(null, "UTC", null, null), "en");
    }

    @Test
    @DisplayName("OIDC Core §5.1: every invalid field is reported at once with its own problem code")
    void oidcCore_5_1_invalidFieldsAllReported() {
        assertThatThrownBy(() -> rules.check(typed("1990-02-30", "Mars/Olympus", "javascript:alert(1)", "has space"),
                "not a tag!"))
                .isInstanceOfSatisfying(ProfileRejected.class, e -> assertThat(e.problems()).extracting(
                        p -> p.field() + ":" + p.code()).containsExactly("preferred_username:invalid_preferred_username",
                        "birthdate:invalid_birthdate", "website:invalid_url", "zoneinfo:invalid_zoneinfo",
                        "locale:invalid_locale"));
        for (String bad : new String[] {"0000", "90-04-01", "2999-01-01", "1990/04/01", "0000-13-01"}) {
            assertThatThrownBy(() -> rules.check(typed(bad, null, null, null), null)).as(bad)
                    .isInstanceOf(ProfileRejected.class);
        }
        assertThatThrownBy(() -> rules.check(new StandardClaims("x".repeat(101), null, null, null, null, null, null,
                null, null, null, null, false, null, null, null, null, null, null), null))
                .isInstanceOfSatisfying(ProfileRejected.class, e -> assertThat(e.code()).isEqualTo("too_long"));
    }
}
