package io.kizuna.protocol.oidc.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.member.PersonalData;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClaimsRequestTest {

    @Test
    @DisplayName("OIDC Core §5.5: id_token and userinfo members name claims; acr value/values are collected (§5.5.1.1)")
    void parsesMembers() {
        ClaimsRequest r = ClaimsRequest.parse("""
                {"userinfo":{"name":{"essential":true},"email":null},
                 "id_token":{"email":null,"acr":{"essential":true,"values":["a","b"]}},"other":{}}""");
        assertThat(r.userinfoClaims()).containsExactly("name", "email");
        assertThat(r.idTokenClaims()).containsExactly("email", "acr");
        assertThat(r.acrValues()).containsExactly("a", "b");
        assertThat(r.acrEssential()).isTrue();
        assertThat(ClaimsRequest.parse(null)).isNull();
    }

    @Test
    @DisplayName("OIDC Core §5.5: a claims value that is not a JSON object of objects is invalid_request")
    void refusesMalformed() {
        for (String bad : List.of("not json", "[]", "{\"id_token\":[]}", "{\"id_token\":{\"email\":true}}",
                "{\"id_token\":{\"acr\":{\"values\":\"a\"}}}", "{\"id_token\":{\"acr\":{\"essential\":\"yes\"}}}")) {
            assertThatThrownBy(() -> ClaimsRequest.parse(bad)).as(bad).isInstanceOf(OAuthException.class)
                    .extracting("error").isEqualTo("invalid_request");
        }
    }

    @Test
    @DisplayName("OIDC Core §5.4: a requested claim is released only when its scope was granted")
    void releasesOnlyWhatTheScopeCovers() {
        assertThat(MemberClaimNames.allowed(List.of("email", "name", "phone_number", "sub", "email"),
                List.of("openid", "email"))).containsExactly("email");
        assertThat(MemberClaimNames.ofScopes(List.of("openid", "profile"))).containsExactly("name", "family_name",
                "given_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
                "gender", "birthdate", "zoneinfo", "locale", "updated_at");
        assertThat(MemberClaimNames.values(new PersonalData("a@example.jp", true, "A", "ja"),
                List.of("email", "email_verified", "phone_number"))).containsEntry("email", "a@example.jp")
                .containsEntry("email_verified", true).doesNotContainKey("phone_number");
    }
}
