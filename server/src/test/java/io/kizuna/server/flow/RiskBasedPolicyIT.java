package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.SignInAttempt;
import io.kizuna.api.session.SignInService.SignInResult;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.member.MemberCredentialLookup;
import io.kizuna.member.PasswordHasher;
import io.kizuna.member.PersonalDataCodec;
import io.kizuna.member.SecondFactors;
import io.kizuna.member.TotpCodes;
import io.kizuna.policy.AuthenticationPolicy;
import io.kizuna.policy.PolicyProperties;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.session.BrowserSessions;
import io.kizuna.session.KnownDevices;
import io.kizuna.session.PasswordSignIn;
import io.kizuna.session.PendingSignIns;
import io.kizuna.session.SignInThrottle;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The authentication policy's client rule and risk signals (new browser, repeated failures) with the real
 * sign-in service, PostgreSQL and ledger. The shared server runs the embedded default's policy (risk signals
 * off), so this test builds the sign-in service around a policy with them on, from the server's own beans.
 */
@KizunaIntegrationTest
class RiskBasedPolicyIT {
    static final String PASSWORD = "risk policy password 42";
    /** Inside the trusted loopback range, but an address of its own so its failures count for nobody else. */
    static final String OFFICE = "127.0.0.77";
    static final String PAYROLL = "payroll-client";

    @Value("${kizuna.issuer}")
    String issuer;
    @Autowired
    MemberCredentialLookup credentials;
    @Autowired
    PasswordHasher hasher;
    @Autowired
    BrowserSessions sessions;
    @Autowired
    LedgerCommands commands;
    @Autowired
    PersonalDataCodec codec;
    @Autowired
    SignInThrottle throttle;
    @Autowired
    KizunaProperties properties;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    SecondFactors secondFactors;
    @Autowired
    PendingSignIns pending;
    @Autowired
    TotpCodes totp;
    @Autowired
    KnownDevices devices;
    @Autowired
    JdbcTemplate jdbc;

    PasswordSignIn signIn;

    @BeforeEach
    void riskAwareSignIn() {
        AuthenticationPolicy policy = new AuthenticationPolicy(new PolicyProperties(List.of("127.0.0.0/8"), true,
                List.of(PAYROLL), new PolicyProperties.Risk(true, 3)));
        signIn = new PasswordSignIn(credentials, hasher, sessions, commands, codec, throttle, properties, transactions,
                policy, secondFactors, pending, totp, devices);
    }

    @Test
    @DisplayName("new device: a member with TOTP is asked for it once per browser; the outcome is in the ledger")
    void newDeviceAsksForTheSecondFactorOnce() throws Exception {
        String email = "risk-device-" + UUID.randomUUID() + "@example.jp";
        String memberId = new Api(issuer).registerMember(email, PASSWORD, "Risk Device");
        String secret = enrolTotp(email);

        SignInResult first = signIn.signIn(attempt(email, PASSWORD, null, "browser-a"));
        assertThat(first.needsSecondFactor()).as("browser A is new to the member").isTrue();
        SignInResult completed = signIn.completeSecondFactor(first.pendingSecondFactor(),
                totp.codeAt(secret, totp.currentStep()), OFFICE, "test");
        assertThat(completed.succeeded()).isTrue();

        SignInResult again = signIn.signIn(attempt(email, PASSWORD, null, "browser-a"));
        assertThat(again.succeeded()).as("browser A is known now: a password suffices inside").isTrue();
        assertThat(signIn.signIn(attempt(email, PASSWORD, null, "browser-b")).needsSecondFactor())
                .as("browser B is still new").isTrue();

        assertThat(policyOutcomes(memberId)).containsSubsequence("risk_new_device", "trusted_network");
        assertThat(jdbc.queryForList("SELECT device_hash FROM known_device WHERE member_id = ?", String.class,
                memberId)).contains(TokenHashes.sha256(device("browser-a")))
                .doesNotContain(TokenHashes.sha256(device("browser-b")))
                .as("only hashes are stored").doesNotContain(device("browser-a"));
    }

    @Test
    @DisplayName("new device without an enrolled factor: signed in with the password, the unanswered signal recorded")
    void riskNeverLocksOutAMemberWithoutSecondFactor() throws Exception {
        String email = "risk-plain-" + UUID.randomUUID() + "@example.jp";
        String memberId = new Api(issuer).registerMember(email, PASSWORD, "Risk Plain");

        assertThat(signIn.signIn(attempt(email, PASSWORD, null, "browser-c")).succeeded()).isTrue();
        assertThat(signIn.signIn(attempt(email, PASSWORD, null, "browser-c")).succeeded()).isTrue();

        assertThat(policyOutcomes(memberId)).containsExactly("risk_new_device_no_second_factor", "trusted_network");
    }

    @Test
    @DisplayName("repeated failures before the right password ask a known browser for the second factor")
    void recentFailuresAskForTheSecondFactor() throws Exception {
        String email = "risk-failures-" + UUID.randomUUID() + "@example.jp";
        String memberId = new Api(issuer).registerMember(email, PASSWORD, "Risk Failures");
        String secret = enrolTotp(email);
        SignInResult known = signIn.signIn(attempt(email, PASSWORD, null, "browser-d"));
        signIn.completeSecondFactor(known.pendingSecondFactor(), totp.codeAt(secret, totp.currentStep()), OFFICE, "t");

        for (int i = 0; i < 3; i++) {
            assertThat(signIn.signIn(attempt(email, "wrong password " + i, null, "browser-d")).error())
                    .isEqualTo("invalid_credentials");
        }
        assertThat(signIn.signIn(attempt(email, PASSWORD, null, "browser-d")).needsSecondFactor()).isTrue();
        assertThat(signIn.signIn(attempt(email, PASSWORD, null, "browser-d")).succeeded())
                .as("the right password reset the window").isTrue();
        // the enrolment's own sign-in (the server's policy), browser D's first visit, its last sign-in
        assertThat(policyOutcomes(memberId)).containsExactly("trusted_network", "risk_new_device", "trusted_network");
    }

    @Test
    @DisplayName("a client configured for LoA 3 refuses a member without a second factor, even from a known browser")
    void clientRuleIsStrict() throws Exception {
        String email = "risk-client-" + UUID.randomUUID() + "@example.jp";
        String memberId = new Api(issuer).registerMember(email, PASSWORD, "Risk Client");
        signIn.signIn(attempt(email, PASSWORD, null, "browser-e"));
        assertThat(signIn.signIn(attempt(email, PASSWORD, null, "browser-e")).succeeded()).isTrue();

        SignInResult payroll = signIn.signIn(attempt(email, PASSWORD, PAYROLL, "browser-e"));

        assertThat(payroll.error()).isEqualTo("second_factor_not_enrolled");
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                + "aggregateidentifier = ? AND payloadtype LIKE '%LoginFailed'", String.class, memberId))
                .singleElement().asString().contains("second_factor_not_enrolled").contains(PAYROLL);
    }

    @Test
    @DisplayName("the sign-in page gives a browser its device cookie once and keeps it; known devices go with forgetting")
    void signInPageIssuesTheDeviceCookie() throws Exception {
        Api api = new Api(issuer);
        String email = "risk-page-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, PASSWORD, "Risk Page");
        Browser browser = new Browser(issuer);

        HttpResponse<String> first = browser.submit(browser.get("/signin").body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        assertThat(first.statusCode()).isEqualTo(303);
        String cookie = first.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SignInService.DEVICE_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("Max-Age=34560000").contains("SameSite=Lax");
        Matcher value = Pattern.compile("=([A-Za-z0-9_-]{43});").matcher(cookie);
        assertThat(value.find()).isTrue();
        HttpResponse<String> second = browser.submit(browser.get("/signin").body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        assertThat(second.headers().allValues("Set-Cookie"))
                .noneMatch(c -> c.startsWith(SignInService.DEVICE_COOKIE + "="));
        assertThat(jdbc.queryForList("SELECT device_hash FROM known_device WHERE member_id = ?", String.class,
                memberId)).containsExactly(TokenHashes.sha256(value.group(1)));

        assertThat(api.postJson("/admin/api/members/" + memberId + "/forget", Api.ADMIN_TOKEN, Map.of()).status())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM known_device WHERE member_id = ?", Integer.class,
                memberId)).isZero();
    }

    private SignInAttempt attempt(String email, String password, String clientId, String browser) {
        return new SignInAttempt(email, password.toCharArray(), clientId, OFFICE, "RiskBasedPolicyIT", null,
                device(browser));
    }

    /** A device cookie value per named browser. */
    private static String device(String browser) {
        return TokenHashes.sha256("device of " + browser);
    }

    private String enrolTotp(String email) throws Exception {
        Browser office = new Browser(issuer);
        office.submit(office.get("/signin").body(), "/signin", Map.of("email", email, "password", PASSWORD), null);
        HttpResponse<String> mfa = office.get("/account/mfa");
        Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(mfa.body());
        assertThat(secret.find()).isTrue();
        HttpResponse<String> enrolled = office.submit(mfa.body(), "/account/mfa",
                Map.of("code", totp.codeAt(secret.group(1), totp.currentStep())), null);
        assertThat(enrolled.statusCode()).isEqualTo(200);
        return secret.group(1);
    }

    private List<String> policyOutcomes(String memberId) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                + "aggregateidentifier = ? AND payloadtype LIKE '%LoginSucceeded' ORDER BY sequencenumber", String.class,
                memberId).stream()
                .map(p -> p.replaceAll(".*\"policy\":\"([^\"]+)\".*", "$1")).toList();
    }
}
