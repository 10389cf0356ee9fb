package io.kizuna.server.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.member.TotpCodes;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Passkeys and recovery codes at the HTTP level: malformed or forged WebAuthn responses are refused
 * with a 4xx page and leave the ledger untouched; a recovery code signs in once.
 */
@KizunaIntegrationTest
class PasskeyAndRecoveryCodeIT {
    static final Map<String, String> OUTSIDE = Map.of("X-Forwarded-For", "203.0.113.9");
    static final String PASSWORD = "recovery code tester password";
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TotpCodes totp;

    @Nested
    @DisplayName("W3C WebAuthn §7.1 registration and §7.2 authentication with bad input")
    class BadWebAuthnInput {

        @Test
        @DisplayName("§7.1: garbage, a forged attestation and a foreign challenge are refused with 400; nothing recorded")
        void requestWhenRegistrationResponseIsBadThen400AndNoEvent() throws Exception {
            String email = "bad-passkey-" + UUID.randomUUID() + "@example.jp";
            String memberId = new Api(issuer).registerMember(email, PASSWORD, "Bad Passkey");
            Browser browser = signedIn(email);
            HttpResponse<String> page = browser.get("/account/passkeys");
            assertThat(page.statusCode()).isEqualTo(200);
            String options = dataOptions(page.body(), "passkey-register");
            Matcher challenge = Pattern.compile("\"challenge\":\"([A-Za-z0-9_-]+)\"").matcher(options);
            assertThat(challenge.find()).isTrue();
            assertThat(options).contains("\"id\":\"localhost\"").contains("\"attestation\":\"none\"");

            for (String credential : List.of("", "not json", "{\"id\":\"AAAA\",\"type\":\"public-key\"}",
                    forgedRegistration(challenge.group(1), issuer),
                    forgedRegistration(B64.encodeToString(new byte[32]), issuer),
                    forgedRegistration(challenge.group(1), "https://evil.example"))) {
                HttpResponse<String> refused = browser.submit(browser.get("/account/passkeys").body(),
                        "/account/passkeys", Map.of("credential", credential), null);
                assertThat(refused.statusCode()).as(credential).isEqualTo(400);
                assertThat(refused.body()).contains("id=\"passkeys-error\" class=\"error\" role=\"alert\"");
            }
            assertThat(events(memberId, "Passkey%")).isEmpty();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM member_passkey WHERE member_id = ?", Integer.class,
                    memberId)).isZero();
        }

        @Test
        @DisplayName("§7.2: a passwordless assertion that is garbage or names no credential is refused with 400")
        void requestWhenAssertionIsBadThen400AndNothingRecorded() throws Exception {
            Browser browser = new Browser(issuer);
            String signIn = browser.get("/signin").body();
            String options = dataOptions(signIn, "passkey-signin");
            assertThat(options).contains("\"userVerification\":\"required\"").contains("\"allowCredentials\":[]");
            long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            String clientData = B64.encodeToString(("{\"type\":\"webauthn.get\",\"challenge\":\""
                    + B64.encodeToString(new byte[32]) + "\",\"origin\":\"" + issuer + "\"}").getBytes());
            for (String credential : List.of("", "{]", "{\"id\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"rawId\":"
                    + "\"AAAAAAAAAAAAAAAAAAAAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\""
                    + clientData + "\",\"authenticatorData\":\"" + B64.encodeToString(new byte[37])
                    + "\",\"signature\":\"AAAA\",\"userHandle\":\"AAAA\"},\"clientExtensionResults\":{}}")) {
                HttpResponse<String> refused = browser.submit(browser.get("/signin").body(), "/signin/passkey",
                        Map.of("credential", credential), null);
                assertThat(refused.statusCode()).as(credential).isEqualTo(400);
                assertThat(refused.body()).contains("That passkey could not sign you in.");
                assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("KIZUNA_SESSION="));
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class))
                    .as("no member named: nothing to record").isEqualTo(events);
        }

        @Test
        @DisplayName("a passkey form posted without its CSRF field is refused")
        void requestWithoutCsrfThenRefused() throws Exception {
            Browser browser = new Browser(issuer);
            browser.get("/signin");
            assertThat(browser.postForm("/signin/passkey", Map.of("credential", "{}")).statusCode()).isEqualTo(403);
        }
    }

    @Nested
    @DisplayName("Recovery codes (look-up secrets) instead of the RFC 6238 code")
    class RecoveryCodes {

        @Test
        @DisplayName("a code works once (member.recovery_code.used), is refused the second time, and regenerating "
                + "replaces every code")
        void requestWhenRecoveryCodeUsedThenOnceOnly() throws Exception {
            String email = "recovery-http-" + UUID.randomUUID() + "@example.jp";
            String memberId = new Api(issuer).registerMember(email, PASSWORD, "Recovery Http");
            Browser office = signedIn(email);
            HttpResponse<String> mfa = office.get("/account/mfa");
            Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(mfa.body());
            assertThat(secret.find()).isTrue();
            HttpResponse<String> enrolled = office.submit(mfa.body(), "/account/mfa",
                    Map.of("code", totp.codeAt(secret.group(1), totp.currentStep())), null);
            List<String> codes = codes(enrolled.body());
            assertThat(codes).hasSize(10);

            // spaces and capitals are forgiven; the dashes are optional
            String typed = codes.get(3).replace("-", " ").toUpperCase();
            HttpResponse<String> first = recovery(email, typed);
            assertThat(first.statusCode()).isEqualTo(303);
            assertThat(first.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("KIZUNA_SESSION="));
            assertThat(events(memberId, "RecoveryCodeUsed")).singleElement()
                    .satisfies(e -> assertThat(e).doesNotContain(codes.get(3)));
            assertThat(events(memberId, "LoginSucceeded").getLast()).contains("\"amr\":[\"pwd\",\"otp\"]")
                    .contains("urn:kizuna:loa:3");

            HttpResponse<String> again = recovery(email, codes.get(3));
            assertThat(again.statusCode()).isEqualTo(401);
            assertThat(again.body()).contains("That recovery code is not valid or was used already.");
            assertThat(events(memberId, "RecoveryCodeUsed")).hasSize(1);
            assertThat(events(memberId, "LoginFailed")).anySatisfy(e -> assertThat(e).contains("invalid_recovery_code"));
            assertThat(office.get("/account/mfa").body()).contains("You have 9 unused recovery codes.");

            HttpResponse<String> regenerated = office.submit(office.get("/account/mfa").body(),
                    "/account/mfa/recovery-codes", Map.of(), null);
            assertThat(regenerated.statusCode()).isEqualTo(200);
            List<String> fresh = codes(regenerated.body());
            assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(codes);
            assertThat(events(memberId, "RecoveryCodesRegenerated")).hasSize(1);
            assertThat(recovery(email, codes.get(4)).statusCode()).as("an old, unused code").isEqualTo(401);
            assertThat(recovery(email, fresh.get(0)).statusCode()).isEqualTo(303);
        }

        private HttpResponse<String> recovery(String email, String code) throws Exception {
            Browser cafe = new Browser(issuer, OUTSIDE);
            HttpResponse<String> password = cafe.submit(cafe.get("/signin").body(), "/signin",
                    Map.of("email", email, "password", PASSWORD), null);
            assertThat(password.headers().firstValue("Location").orElseThrow()).startsWith("/signin/otp");
            String otp = cafe.get("/signin/otp").body();
            assertThat(otp).contains("id=\"recovery-code\"");
            return cafe.submit(otp, "/signin/recovery", Map.of("recovery_code", code), null);
        }
    }

    private Browser signedIn(String email) throws Exception {
        Browser browser = new Browser(issuer);
        HttpResponse<String> signIn = browser.submit(browser.get("/signin").body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        assertThat(signIn.statusCode()).isEqualTo(303);
        return browser;
    }

    private static List<String> codes(String page) {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("<li><code>([a-z0-9-]{19})</code></li>").matcher(page);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    /** The JSON options a passkey form carries, as the browser's script reads them. */
    private static String dataOptions(String page, String formId) {
        Matcher m = Pattern.compile("<form[^>]*id=\"" + formId + "\"[^>]*data-options=\"([^\"]*)\"").matcher(page);
        assertThat(m.find()).as("form #%s with data-options", formId).isTrue();
        return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /**
     * A registration response in the right shape whose attestation object is not one an authenticator
     * made: "none" format over authenticator data of the wrong RP ID hash and no credential.
     */
    private static String forgedRegistration(String challenge, String origin) {
        String clientData = B64.encodeToString(("{\"type\":\"webauthn.create\",\"challenge\":\"" + challenge
                + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false}").getBytes());
        // CBOR map {"fmt":"none","attStmt":{},"authData":h'00…'(37 bytes)}
        byte[] authData = new byte[37];
        authData[32] = 0x01; // UP only, no attested credential data
        java.io.ByteArrayOutputStream cbor = new java.io.ByteArrayOutputStream();
        cbor.write(0xa3);
        cbor.writeBytes(new byte[] {0x63, 'f', 'm', 't', 0x64, 'n', 'o', 'n', 'e'});
        cbor.writeBytes(new byte[] {0x67, 'a', 't', 't', 'S', 't', 'm', 't', (byte) 0xa0});
        cbor.writeBytes(new byte[] {0x68, 'a', 'u', 't', 'h', 'D', 'a', 't', 'a', 0x58, 37});
        cbor.writeBytes(authData);
        return "{\"id\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"rawId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"type\":\"public-key\","
                + "\"response\":{\"clientDataJSON\":\"" + clientData + "\",\"attestationObject\":\""
                + B64.encodeToString(cbor.toByteArray()) + "\",\"transports\":[\"internal\"]},"
                + "\"clientExtensionResults\":{}}";
    }

    private List<String> events(String memberId, String typePattern) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE ? ORDER BY sequencenumber", String.class,
                memberId, "%." + typePattern);
    }
}
