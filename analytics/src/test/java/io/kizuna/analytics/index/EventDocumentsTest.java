package io.kizuna.analytics.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MemberPseudonyms PSEUDONYMS =
            MemberPseudonyms.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

    @Test
    @DisplayName("a consent document names the client as service, hides the member id in aggregate id and payload")
    void requestWhenConsentEnvelopeThenServiceAndPseudonymOnly() throws Exception {
        Map<String, Object> doc = EventDocuments.document(JSON.readTree("""
                {"eventId":"e1","type":"consent.granted","revision":"1","occurredAt":"2026-03-01T23:59:59.5Z",
                 "aggregateType":"Consent","aggregateId":"m-1/shop","sequence":0,
                 "payload":{"consentId":"m-1/shop","memberId":"m-1","clientId":"shop","scopes":["openid"],
                            "note":"by m-1"}}"""), PSEUDONYMS);
        String p = PSEUDONYMS.of("m-1");
        assertThat(doc).containsEntry("service", "shop").containsEntry("member", p)
                .containsEntry("aggregate_id", p + "/shop").containsEntry("day", "2026-03-01")
                .containsEntry("active", true);
        assertThat(JSON.writeValueAsString(doc)).doesNotContain("m-1");
    }

    @Test
    @DisplayName("a self registration has no service; a registration via a site has that site as service")
    void requestWhenRegistrationThenServiceIsRegisteredViaUnlessSelf() throws Exception {
        String template = """
                {"eventId":"e2","type":"member.registered","occurredAt":"2026-03-01T00:00:00Z","aggregateType":"Member",
                 "aggregateId":"m-2","payload":{"memberId":"m-2","registeredVia":"%s","personalData":{"x":"y"}}}""";
        assertThat(EventDocuments.document(JSON.readTree(template.formatted("self")), PSEUDONYMS))
                .containsEntry("service", null).containsEntry("active", false);
        assertThat(EventDocuments.document(JSON.readTree(template.formatted("www")), PSEUDONYMS))
                .containsEntry("service", "www").containsEntry("active", true);
    }

    @Test
    @DisplayName("payload fields named like credentials (hashes, secrets, recovery codes) never reach the document")
    void requestWhenPayloadHasCredentialLikeFieldsThenDropped() throws Exception {
        Map<String, Object> doc = EventDocuments.document(JSON.readTree("""
                {"eventId":"e3","type":"member.totp.enrolled","occurredAt":"2026-03-01T00:00:00Z","aggregateType":"Member",
                 "aggregateId":"m-3","payload":{"memberId":"m-3","recoveryCodeHashes":["h1","h2"],"secretHash":"s",
                 "nonce":"n","enrolledAt":"2026-03-01T00:00:00Z"}}"""), PSEUDONYMS);
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) doc.get("payload");
        assertThat(payload).containsOnlyKeys("enrolledAt");
    }

    @Test
    @DisplayName("a SCIM group event keeps its name but never the raw member ids it lists")
    void requestWhenGroupMembersThenNoRawMemberIds() throws Exception {
        Map<String, Object> doc = EventDocuments.document(JSON.readTree("""
                {"eventId":"e4","type":"group.members.added","occurredAt":"2026-03-01T00:00:00Z","aggregateType":"Group",
                 "aggregateId":"g-1","payload":{"groupId":"g-1","members":["m-4","m-5"],"addedBy":"hr-sync",
                 "addedAt":"2026-03-01T00:00:00Z"}}"""), PSEUDONYMS);
        assertThat(JSON.writeValueAsString(doc)).doesNotContain("m-4").doesNotContain("m-5").contains("hr-sync");
    }

    @Test
    @DisplayName("RFC 8176: mfa said outright or two distinct factors is multi-factor; pwd alone is not")
    void requestWhenAmrThenMultiFactorDecided() {
        assertThat(EventDocuments.isMultiFactor(List.of("pwd"))).isFalse();
        assertThat(EventDocuments.isMultiFactor(List.of("pwd", "otp"))).isTrue();
        assertThat(EventDocuments.isMultiFactor(List.of("hwk", "mfa"))).isTrue();
        assertThat(EventDocuments.isMultiFactor(List.of("pwd", "pwd"))).isFalse();
    }

    @Test
    @DisplayName("a missing or short pseudonym key fails with the setting's name instead of indexing member ids")
    void requestWhenPseudonymKeyMissingOrShortThenClearFailure() {
        assertThatThrownBy(() -> MemberPseudonyms.fromBase64(null)).hasMessageContaining("kizuna.analytics.pseudonym-key");
        assertThatThrownBy(() -> MemberPseudonyms.fromBase64("c2hvcnQ=")).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> MemberPseudonyms.fromBase64("%%%")).hasMessageContaining("base64");
    }
}
