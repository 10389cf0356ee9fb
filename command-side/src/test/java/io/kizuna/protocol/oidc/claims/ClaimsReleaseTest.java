package io.kizuna.protocol.oidc.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.StandardClaims;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which member claims an authorization releases: OIDC Core §5.4 (scopes) and §5.5 (claims request). */
class ClaimsReleaseTest {
    static final PersonalData HANAKO = new PersonalData("hanako@example.jp", true, "山田 花子", "ja-JP",
            "+81 3-1234-5678", "東京都千代田区千代田1-1", new StandardClaims("花子", "山田", null, "はな", null, null, null,
            null, "female", "0000-04-01", "Asia/Tokyo", false, "千代田1-1", "千代田区", "東京都", "100-0001", null,
            1_764_000_000L));

    @Test
    @DisplayName("OIDC Core §5.1: each claim has its type; empty ones are omitted, address holds only its filled members")
    void oidcCore_5_1_valuesTypedAndEmptyOmitted() {
        Map<String, Object> values = MemberClaimNames.values(HANAKO, MemberClaimNames.all());
        assertThat(values).containsEntry("given_name", "花子").containsEntry("birthdate", "0000-04-01")
                .containsEntry("updated_at", 1_764_000_000L).containsEntry("phone_number_verified", false)
                .containsEntry("email_verified", true).doesNotContainKeys("middle_name", "picture", "website",
                        "preferred_username", "profile");
        assertThat(values.values()).doesNotContainNull();
        assertThat(values.get("address")).isEqualTo(Map.of("formatted", "東京都千代田区千代田1-1",
                "street_address", "千代田1-1", "locality", "千代田区", "region", "東京都", "postal_code", "100-0001"));
        PersonalData bare = new PersonalData("a@example.jp", false, "A", null);
        assertThat(MemberClaimNames.values(bare, MemberClaimNames.all())).containsOnlyKeys("email",
                "email_verified", "name");
    }

    @Test
    @DisplayName("OIDC Core §5.5: requested member claims no granted scope covers need the member's approval; "
            + "unknown and non-member claims are ignored")
    void oidcCore_5_5_beyondScopeListsOnlyUncoveredMemberClaims() {
        ClaimsRequest request = ClaimsRequest.parse("""
                {"userinfo":{"name":{"essential":true},"email":null,"unknown":null},
                 "id_token":{"birthdate":null,"acr":{"essential":true},"auth_time":null,"name":null}}""");
        assertThat(ClaimsRelease.beyondScope(request, List.of("openid", "email")))
                .containsExactly("name", "birthdate");
        assertThat(ClaimsRelease.essentialBeyondScope(request, List.of("openid", "email"))).containsExactly("name");
        assertThat(ClaimsRelease.beyondScope(request, List.of("openid", "email", "profile"))).isEmpty();
        assertThat(ClaimsRelease.beyondScope(null, List.of("openid"))).isEmpty();
    }

    @Test
    @DisplayName("OIDC Core §5.5: the userinfo member adds approved claims to the scopes' at UserInfo; the id_token "
            + "member's go in the ID token")
    void oidcCore_5_5_userinfoMemberReleasesRequestedClaim() {
        ClaimsRequest request = ClaimsRequest.parse("""
                {"userinfo":{"given_name":null,"email":null},"id_token":{"zoneinfo":null}}""");
        List<String> beyond = ClaimsRelease.userinfoClaimsBeyondScope(request, List.of("openid", "email"), HANAKO);
        assertThat(beyond).containsExactly("given_name");
        assertThat(ClaimsRelease.userinfoClaims(List.of("openid", "email"), beyond))
                .containsExactly("email", "email_verified", "given_name");
        assertThat(ClaimsRelease.idTokenClaims(request, List.of("openid", "email"), false, HANAKO))
                .containsExactly("zoneinfo");
    }

    @Test
    @DisplayName("OIDC Core §5.4: without an access token the ID token carries the scopes' claims and the userinfo "
            + "member's")
    void oidcCore_5_4_idTokenWithoutAccessTokenCarriesScopeClaims() {
        ClaimsRequest request = ClaimsRequest.parse("{\"userinfo\":{\"phone_number\":null}}");
        assertThat(ClaimsRelease.idTokenClaims(request, List.of("openid", "email"), true, HANAKO))
                .containsExactly("email", "email_verified", "phone_number");
        assertThat(ClaimsRelease.idTokenClaims(null, List.of("openid", "address"), true, HANAKO))
                .containsExactly("address");
        assertThat(ClaimsRelease.idTokenClaims(null, List.of("openid", "address"), false, HANAKO)).isEmpty();
    }

    @Test
    @DisplayName("OIDC Core §5.5.1: value and values release the claim only when the member's value is one of them")
    void oidcCore_5_5_1_valueAndValuesNarrowRelease() {
        ClaimsRequest request = ClaimsRequest.parse("""
                {"id_token":{"zoneinfo":{"value":"Asia/Tokyo"},"nickname":{"values":["x","y"]},
                 "email_verified":{"value":true},"given_name":{"essential":true,"value":"太郎"}}}""");
        assertThat(ClaimsRelease.idTokenClaims(request, List.of("openid"), false, HANAKO))
                .containsExactly("zoneinfo", "email_verified");
        assertThat(request.idTokenSpecs().get("given_name").essential()).isTrue();
        assertThat(ClaimsRelease.idTokenClaims(request, List.of("openid"), false, null))
                .as("a member without data matches no value").isEmpty();
    }
}
