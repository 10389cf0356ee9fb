package io.kizuna.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.api.member.PersonalData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7643 §4.1 User attributes mapped to the OIDC Core §5.1 standard claims of the sealed profile. */
class ScimStandardClaimsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("RFC 7643 §4.1 → OIDC Core §5.1: name parts, nickName, profileUrl, timezone, primary phone and address")
    void rfc7643_4_1_userAttributesBecomeStandardClaims() throws Exception {
        PersonalData data = ScimUserSchema.personalData((ObjectNode) JSON.readTree("""
                {"userName":"hanako@example.jp","name":{"givenName":"花子","familyName":"山田","middleName":"M"},
                 "nickName":"はな","profileUrl":"https://people.example.jp/hanako","timezone":"Asia/Tokyo",
                 "phoneNumbers":[{"value":"03-0000-0000"},{"value":"+81 90-1234-5678","primary":true}],
                 "addresses":[{"formatted":"東京都千代田区1-1","streetAddress":"1-1","locality":"千代田区",
                   "region":"東京都","postalCode":"100-0001","country":"JP"}]}"""));
        assertThat(data.standard().givenName()).isEqualTo("花子");
        assertThat(data.standard().familyName()).isEqualTo("山田");
        assertThat(data.standard().middleName()).isEqualTo("M");
        assertThat(data.standard().nickname()).isEqualTo("はな");
        assertThat(data.standard().profile()).isEqualTo("https://people.example.jp/hanako");
        assertThat(data.standard().zoneinfo()).isEqualTo("Asia/Tokyo");
        assertThat(data.phoneNumber()).isEqualTo("+81 90-1234-5678");
        assertThat(data.standard().phoneNumberVerified()).isFalse();
        assertThat(data.address()).isEqualTo("東京都千代田区1-1");
        assertThat(data.standard().postalCode()).isEqualTo("100-0001");
        assertThat(data.standard().country()).isEqualTo("JP");

        PersonalData odd = ScimUserSchema.personalData((ObjectNode) JSON.readTree("""
                {"userName":"x@example.jp","timezone":"Nowhere/Land","profileUrl":"javascript:alert(1)"}"""));
        assertThat(odd.standard().zoneinfo()).as("not an IANA zone").isNull();
        assertThat(odd.standard().profile()).isNull();
        assertThat(odd.phoneNumber()).isNull();
        assertThat(odd.address()).isNull();
    }

    @Test
    @DisplayName("RFC 7644 §3.5.1: a replace keeps the member's claims the User schema has no attribute for, and a verified e-mail stays verified while unchanged")
    void rfc7644_3_5_1_replaceKeepsWhatScimDoesNotManage() throws Exception {
        io.kizuna.api.member.StandardClaims own = new io.kizuna.api.member.StandardClaims("Old", "Name", null, null,
                "hanako", "https://old.example.jp", "https://img.example.jp/h.png", "https://hanako.example.jp",
                "female", "1990-04-01", "Asia/Tokyo", true, null, null, null, null, null, 1_700_000_000L);
        io.kizuna.api.member.MemberClaims before = new io.kizuna.api.member.MemberClaims(
                new io.kizuna.api.member.MemberId("m-1"),
                new PersonalData("hanako@example.jp", true, "Old Name", "ja", "+81 90-1234-5678", null, own));
        PersonalData fromHr = ScimUserSchema.personalData((ObjectNode) JSON.readTree("""
                {"userName":"hanako@example.jp","name":{"givenName":"花子","familyName":"山田"},
                 "phoneNumbers":[{"value":"+81 90-1234-5678"}]}"""));

        PersonalData kept = ScimUserSchema.keepingWhatScimDoesNotManage(fromHr, before);
        assertThat(kept.standard().givenName()).as("SCIM's own attribute replaced").isEqualTo("花子");
        assertThat(kept.standard().profile()).as("profileUrl absent from the replace: removed").isNull();
        assertThat(kept.standard().zoneinfo()).as("timezone absent from the replace: removed").isNull();
        assertThat(kept.standard().preferredUsername()).isEqualTo("hanako");
        assertThat(kept.standard().picture()).isEqualTo("https://img.example.jp/h.png");
        assertThat(kept.standard().website()).isEqualTo("https://hanako.example.jp");
        assertThat(kept.standard().gender()).isEqualTo("female");
        assertThat(kept.standard().birthdate()).isEqualTo("1990-04-01");
        assertThat(kept.standard().updatedAt()).isEqualTo(1_700_000_000L);
        assertThat(kept.emailVerified()).as("the same address the member verified").isTrue();
        assertThat(kept.standard().phoneNumberVerified()).as("the same number").isTrue();

        PersonalData moved = ScimUserSchema.keepingWhatScimDoesNotManage(ScimUserSchema.personalData((ObjectNode)
                JSON.readTree("""
                        {"userName":"hanako@new.example.jp","phoneNumbers":[{"value":"+81 80-0000-0000"}]}""")), before);
        assertThat(moved.emailVerified()).as("a new address from HR is not verified").isFalse();
        assertThat(moved.standard().phoneNumberVerified()).as("a new number is not verified").isFalse();
        assertThat(ScimUserSchema.keepingWhatScimDoesNotManage(fromHr, null)).isEqualTo(fromHr);
    }
}
