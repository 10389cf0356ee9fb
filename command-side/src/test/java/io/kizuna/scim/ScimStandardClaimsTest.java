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
}
