package io.kizuna.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.member.TotpCodes;
import io.kizuna.server.demo.DemoData;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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
 * The admin console over HTTP against the whole server: who may enter (anonymous → sign-in and back,
 * members → 403, administrators only with a recent sign-in that satisfied the policy's second factor),
 * CSRF on every form, and each action ending as a ledger event the history then shows.
 */
@KizunaIntegrationTest
class AdminConsoleIT {
    static final Map<String, String> OUTSIDE = Map.of("X-Forwarded-For", "203.0.113.9");
    static final String PASSWORD = "a long enough password";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TotpCodes totp;

    @Nested
    class Door {
        @Test
        @DisplayName("anonymous: 303 to the sign-in page, which returns to the admin page asked for")
        void requestWhenAnonymousThenSignInAndBack() throws Exception {
            Browser browser = new Browser(issuer);
            HttpResponse<String> members = browser.get("/admin/members");
            assertThat(members.statusCode()).isEqualTo(303);
            String signIn = members.headers().firstValue("Location").orElseThrow();
            assertThat(signIn).endsWith("/signin?next=%2Fadmin%2Fmembers");
            HttpResponse<String> signedIn = browser.submit(browser.get(signIn).body(), "/signin",
                    Map.of("email", DemoData.ADMIN_EMAIL, "password", DemoData.ADMIN_PASSWORD), null);
            assertThat(signedIn.headers().firstValue("Location")).hasValue("/admin/members");
            HttpResponse<String> page = browser.get("/admin/members");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        }

        @Test
        @DisplayName("a signed-in member who is not an administrator gets 403 on pages and forms")
        void requestWhenMemberIsNotAdministratorThen403() throws Exception {
            String email = "not-admin-" + UUID.randomUUID() + "@example.jp";
            String memberId = new Api(issuer).registerMember(email, PASSWORD, "Not Admin");
            Browser browser = signedIn(new Browser(issuer), email, PASSWORD);
            HttpResponse<String> home = browser.get("/admin");
            assertThat(home.statusCode()).isEqualTo(403);
            assertThat(home.body()).contains("You are not an administrator");
            HttpResponse<String> lock = browser.postForm("/admin/members/" + memberId + "/lock",
                    Map.of("_csrf", csrf(browser.get("/account").body())));
            assertThat(lock.statusCode()).isEqualTo(403);
            assertThat(events(memberId, "MemberSuspended")).isEmpty();
        }

        @Test
        @DisplayName("CSRF: a form without the token is refused and nothing reaches the ledger")
        void requestWhenFormLacksCsrfTokenThenRefused() throws Exception {
            String email = "csrf-" + UUID.randomUUID() + "@example.jp";
            String memberId = new Api(issuer).registerMember(email, PASSWORD, "Csrf Target");
            Browser admin = admin();
            HttpResponse<String> forged = admin.postForm("/admin/members/" + memberId + "/lock", Map.of());
            assertThat(forged.statusCode()).isEqualTo(403);
            HttpResponse<String> wrong = admin.postForm("/admin/members/" + memberId + "/lock",
                    Map.of("_csrf", "not-the-token"));
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(events(memberId, "MemberSuspended")).isEmpty();
        }

        @Test
        @DisplayName("a sign-in older than kizuna.admin.max-auth-age (30 min) is sent to sign in again, then returns")
        void requestWhenSignInIsStaleThenReauthentication() throws Exception {
            Browser admin = admin();
            String adminId = admin.get("/admin/members?q=" + URLEncoder.encode(DemoData.ADMIN_EMAIL, StandardCharsets.UTF_8))
                    .headers().firstValue("Location").orElseThrow().replace("/admin/members/", "");
            // age this browser's session (the newest of the administrator's) past the console's limit
            assertThat(jdbc.update("UPDATE browser_session SET auth_time = auth_time - interval '31 minutes' WHERE session_id ="
                    + " (SELECT session_id FROM browser_session WHERE member_id = ? ORDER BY auth_time DESC LIMIT 1)",
                    adminId)).isEqualTo(1);
            HttpResponse<String> stale = admin.get("/admin/ledger");
            assertThat(stale.statusCode()).isEqualTo(303);
            String signIn = stale.headers().firstValue("Location").orElseThrow();
            assertThat(signIn).endsWith("/signin?next=%2Fadmin%2Fledger&reauth=admin");
            HttpResponse<String> page = admin.get(signIn);
            assertThat(page.body()).contains("id=\"reauth-notice\"");
            HttpResponse<String> again = admin.submit(page.body(), "/signin",
                    Map.of("email", DemoData.ADMIN_EMAIL, "password", DemoData.ADMIN_PASSWORD), null);
            assertThat(again.headers().firstValue("Location")).hasValue("/admin/ledger");
            assertThat(admin.get("/admin/ledger").statusCode()).isEqualTo(200);
        }

        @Test
        @DisplayName("outside the trusted network the console needs LoA 3: a password-only session is sent to sign in again")
        void requestWhenOutsideWithoutSecondFactorThenReauthentication() throws Exception {
            String email = "admin-it@example.jp";
            Api api = new Api(issuer);
            Api.Response registered = api.postJson("/api/members", null, Map.of("email", email, "password", PASSWORD,
                    "name", "IT Administrator", "locale", "en"));
            assertThat(registered.status()).isIn(201, 409, 400);

            // a password-only session from the office
            Browser office = new Browser(issuer);
            HttpResponse<String> signIn = office.submit(office.get("/signin").body(), "/signin",
                    Map.of("email", email, "password", PASSWORD), null);
            assertThat(signIn.statusCode()).isEqualTo(303);
            String session = signIn.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("KIZUNA_SESSION=")).findFirst().orElseThrow().split(";")[0];
            assertThat(office.get("/admin").statusCode()).isEqualTo(200);

            // the same session from a café: LoA 2 is not enough there
            Map<String, String> cafeHeaders = new HashMap<>(OUTSIDE);
            cafeHeaders.put("Cookie", session);
            HttpResponse<String> cafe = new Browser(issuer, cafeHeaders).get("/admin/clients");
            assertThat(cafe.statusCode()).isEqualTo(303);
            assertThat(cafe.headers().firstValue("Location").orElseThrow())
                    .endsWith("/signin?next=%2Fadmin%2Fclients&reauth=admin");

            // with an authenticator, a sign-in from outside (password + TOTP) opens the console
            HttpResponse<String> mfa = office.get("/account/mfa");
            Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(mfa.body());
            assertThat(secret.find()).isTrue();
            assertThat(office.submit(mfa.body(), "/account/mfa",
                    Map.of("code", totp.codeAt(secret.group(1), totp.currentStep())), null).statusCode()).isEqualTo(200);
            Browser outside = new Browser(issuer, OUTSIDE);
            HttpResponse<String> password = outside.submit(outside.get("/signin?next=%2Fadmin").body(), "/signin",
                    Map.of("email", email, "password", PASSWORD), null);
            String otpPage = password.headers().firstValue("Location").orElseThrow();
            assertThat(otpPage).startsWith("/signin/otp");
            // the enrolment consumed the current step (RFC 6238 §5.2): the next one is accepted
            HttpResponse<String> otp = outside.submit(outside.get(otpPage).body(), "/signin/otp",
                    Map.of("code", totp.codeAt(secret.group(1), totp.currentStep() + 1)), null);
            assertThat(otp.headers().firstValue("Location")).hasValue("/admin");
            HttpResponse<String> page = outside.get("/admin/policy");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("203.0.113.9").contains("outside_trusted_networks");
        }
    }

    @Nested
    class Members {
        @Test
        @DisplayName("find by e-mail, lock (sessions end, sign-in refused), unlock (sign-in works), all in the ledger")
        void requestWhenLockingAndUnlockingThenSignInFollows() throws Exception {
            String email = "lock-" + UUID.randomUUID() + "@example.jp";
            String memberId = new Api(issuer).registerMember(email, PASSWORD, "Lock Target");
            Browser member = signedIn(new Browser(issuer), email, PASSWORD);
            Browser admin = admin();

            HttpResponse<String> found = admin.get("/admin/members?q=" + URLEncoder.encode(email.toUpperCase(),
                    StandardCharsets.UTF_8));
            assertThat(found.headers().firstValue("Location")).hasValue("/admin/members/" + memberId);
            HttpResponse<String> page = admin.get("/admin/members/" + memberId);
            assertThat(page.body()).contains(email).contains("Lock Target");
            assertThat(admin.get("/admin/members?q=nobody-" + UUID.randomUUID() + "%40example.jp").statusCode())
                    .isEqualTo(404);

            HttpResponse<String> locked = admin.submit(page.body(), "/admin/members/" + memberId + "/lock", Map.of(), null);
            assertThat(locked.headers().firstValue("Location")).hasValue("/admin/members/" + memberId + "?done=locked");
            assertThat(member.get("/account").statusCode()).as("the member's session ended").isEqualTo(303);
            Browser again = new Browser(issuer);
            HttpResponse<String> refused = again.submit(again.get("/signin").body(), "/signin",
                    Map.of("email", email, "password", PASSWORD), null);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("An administrator has locked sign-in");
            String adminId = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'by' FROM domainevententry"
                    + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%MemberSuspended'", String.class, memberId);
            assertThat(adminId).isNotBlank().doesNotContain("@");

            HttpResponse<String> lockedPage = admin.get("/admin/members/" + memberId + "?done=locked");
            assertThat(lockedPage.body()).contains("locked by an administrator");
            admin.submit(lockedPage.body(), "/admin/members/" + memberId + "/unlock", Map.of(), null);
            assertThat(signedIn(new Browser(issuer), email, PASSWORD).get("/account").statusCode()).isEqualTo(200);
            assertThat(events(memberId, "MemberUnsuspended")).hasSize(1);

            HttpResponse<String> history = admin.get("/admin/audit?member=" + memberId);
            assertThat(history.body()).contains(row("member.login.suspended")).contains(row("member.login.unsuspended"))
                    .contains(row("member.login.failed")).contains("<dd>suspended</dd>").contains("<dd>127.0.0.1</dd>");
        }

        @Test
        @DisplayName("reset MFA removes the authenticator: outside sign-in then asks for enrolment again")
        void requestWhenResettingMfaThenAuthenticatorGone() throws Exception {
            String email = "mfa-" + UUID.randomUUID() + "@example.jp";
            String memberId = new Api(issuer).registerMember(email, PASSWORD, "Mfa Target");
            Browser member = signedIn(new Browser(issuer), email, PASSWORD);
            HttpResponse<String> mfa = member.get("/account/mfa");
            Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(mfa.body());
            assertThat(secret.find()).isTrue();
            member.submit(mfa.body(), "/account/mfa", Map.of("code", totp.codeAt(secret.group(1), totp.currentStep())), null);

            Browser admin = admin();
            HttpResponse<String> page = admin.get("/admin/members/" + memberId);
            assertThat(page.body()).contains("id=\"reset-mfa\"");
            HttpResponse<String> reset = admin.submit(page.body(), "/admin/members/" + memberId + "/reset-mfa", Map.of(), null);
            assertThat(reset.headers().firstValue("Location")).hasValue("/admin/members/" + memberId + "?done=mfa_reset");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM member_totp WHERE member_id = ?", Integer.class, memberId))
                    .isZero();
            Browser cafe = new Browser(issuer, OUTSIDE);
            HttpResponse<String> outside = cafe.submit(cafe.get("/signin").body(), "/signin",
                    Map.of("email", email, "password", PASSWORD), null);
            assertThat(outside.statusCode()).isEqualTo(401);
            assertThat(outside.body()).contains("second factor");

            // a second reset has nothing to remove: refused with a message, no event
            HttpResponse<String> again = admin.submit(admin.get("/admin/members/" + memberId).body(),
                    "/admin/members/" + memberId + "/reset-mfa", Map.of(), null);
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(again.body()).contains("no authenticator to reset");
            assertThat(events(memberId, "SecondFactorReset")).hasSize(1);
        }

        @Test
        @DisplayName("forget needs the member id typed again; then the personal data is gone from the page")
        void requestWhenForgettingThenConfirmationRequired() throws Exception {
            String email = "forget-" + UUID.randomUUID() + "@example.jp";
            String memberId = new Api(issuer).registerMember(email, PASSWORD, "Forget Target");
            Browser admin = admin();
            HttpResponse<String> page = admin.get("/admin/members/" + memberId);
            HttpResponse<String> mismatch = admin.submit(page.body(), "/admin/members/" + memberId + "/forget",
                    Map.of("confirm", "something else"), null);
            assertThat(mismatch.statusCode()).isEqualTo(400);
            assertThat(events(memberId, "MemberForgotten")).isEmpty();
            HttpResponse<String> forgotten = admin.submit(page.body(), "/admin/members/" + memberId + "/forget",
                    Map.of("confirm", memberId), null);
            assertThat(forgotten.statusCode()).isEqualTo(303);
            assertThat(events(memberId, "MemberForgotten")).hasSize(1);
            HttpResponse<String> after = admin.get("/admin/members/" + memberId);
            assertThat(after.body()).doesNotContain(email).doesNotContain("Forget Target").contains("forgotten");
        }
    }

    @Nested
    class Clients {
        @Test
        @DisplayName("register, edit, rotate the secret (RFC 6749 §2.3.1: the old one stops at once), delete (RFC 7592 §2.3)")
        void requestWhenManagingAClientThenTokenEndpointFollows() throws Exception {
            Browser admin = admin();
            Api api = new Api(issuer);
            HttpResponse<String> form = admin.get("/admin/clients/new");
            HttpResponse<String> created = admin.submit(form.body(), "/admin/clients", Map.of("name", "Console API client",
                    "auth_method", "client_secret_basic", "grant_types", "client_credentials", "scope", "api:read api:write",
                    "access_token_format", "opaque"), null);
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
            String clientId = group(created.body(), "id=\"new-client-id\">([^<]+)<");
            String secret = group(created.body(), "id=\"new-client-secret\" class=\"uri\">([^<]+)<");
            assertThat(token(api, clientId, secret, "api:read").status()).isEqualTo(200);

            HttpResponse<String> edit = admin.get("/admin/clients/" + clientId);
            HttpResponse<String> saved = admin.submit(edit.body(), "/admin/clients/" + clientId, Map.of(
                    "name", "Console API client (renamed)", "grant_types", "client_credentials", "scope", "api:read",
                    "access_token_format", "opaque"), null);
            assertThat(saved.headers().firstValue("Location")).hasValue("/admin/clients/" + clientId + "?saved");
            assertThat(token(api, clientId, secret, "api:write").json().path("error").asText()).isEqualTo("invalid_scope");

            HttpResponse<String> rotated = admin.submit(admin.get("/admin/clients/" + clientId).body(),
                    "/admin/clients/" + clientId + "/secret", Map.of(), null);
            String newSecret = group(rotated.body(), "id=\"new-client-secret\" class=\"uri\">([^<]+)<");
            assertThat(newSecret).isNotEqualTo(secret);
            assertThat(token(api, clientId, secret, "api:read").status()).isEqualTo(401);
            assertThat(token(api, clientId, newSecret, "api:read").status()).isEqualTo(200);
            String rotation = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                    + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%ClientSecretRotated'", String.class, clientId);
            assertThat(rotation).doesNotContain(newSecret).doesNotContain(secret);

            HttpResponse<String> bad = admin.submit(admin.get("/admin/clients/" + clientId).body(),
                    "/admin/clients/" + clientId, Map.of("name", "x", "grant_types", "authorization_code",
                            "scope", "openid", "redirect_uris", "javascript:alert(1)", "access_token_format", "jwt"), null);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("cannot be a redirect target");

            HttpResponse<String> unconfirmed = admin.submit(admin.get("/admin/clients/" + clientId).body(),
                    "/admin/clients/" + clientId + "/delete", Map.of(), null);
            assertThat(unconfirmed.statusCode()).isEqualTo(400);
            assertThat(token(api, clientId, newSecret, "api:read").status()).isEqualTo(200);
            HttpResponse<String> deleted = admin.submit(admin.get("/admin/clients/" + clientId).body(),
                    "/admin/clients/" + clientId + "/delete", Map.of("confirm", "yes"), null);
            assertThat(deleted.headers().firstValue("Location").orElseThrow()).startsWith("/admin/clients?deleted=");
            assertThat(token(api, clientId, newSecret, "api:read").status()).isEqualTo(401);
            assertThat(admin.get("/admin/clients/" + clientId).statusCode()).isEqualTo(404);
            assertThat(admin.get("/admin/audit?client=" + clientId).body()).contains(row("client.registered"))
                    .contains(row("client.updated")).contains(row("client.secret.rotated")).contains(row("client.deleted"));
        }
    }

    @Nested
    class History {
        @Test
        @DisplayName("per-member history, JSON Lines export, point-in-time access, and the ledger verification")
        void requestWhenAuditingThenLedgerAnswers() throws Exception {
            Api api = new Api(issuer);
            String redirect = "https://audit-console.example.jp/cb";
            String[] client = api.registerWebClient(redirect);
            String email = "audit-" + UUID.randomUUID() + "@example.jp";
            String memberId = api.registerMember(email, PASSWORD, "Audit Target");
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
            CodeFlow.Result flow = CodeFlow.run(issuer, client[0], redirect, email, PASSWORD, "openid profile");
            Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                    "authorization_code", "code", flow.code(), "redirect_uri", redirect, "code_verifier", flow.verifier()));
            assertThat(tokens.status()).isEqualTo(200);
            Browser admin = admin();

            HttpResponse<String> history = admin.get("/admin/audit?member=" + memberId);
            assertThat(history.statusCode()).isEqualTo(200);
            assertThat(history.body()).contains(row("member.registered")).contains(row("member.login.succeeded"))
                    .contains(row("consent.granted")).contains(row("grant.access_token.issued"))
                    .contains("<dd>127.0.0.1</dd>").contains("id=\"export-link\"").doesNotContain(email);
            HttpResponse<String> onlyLogins = admin.get("/admin/audit?member=" + memberId + "&type=member.login.succeeded");
            assertThat(onlyLogins.body()).contains(row("member.login.succeeded")).doesNotContain(row("consent.granted"));
            HttpResponse<String> future = admin.get("/admin/audit?member=" + memberId + "&from=2100-01-01T00%3A00");
            assertThat(future.body()).contains("id=\"no-events\"");
            assertThat(admin.get("/admin/audit?from=yesterday").statusCode()).isEqualTo(400);

            HttpResponse<String> export = admin.get("/admin/audit/export?member=" + memberId);
            assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
            List<String> lines = export.body().lines().toList();
            assertThat(lines).hasSizeGreaterThanOrEqualTo(4).allSatisfy(line -> assertThat(line).startsWith("{\"eventId\""));
            assertThat(new Browser(issuer).get("/admin/audit/export?member=" + memberId).statusCode()).isEqualTo(303);

            HttpResponse<String> then = admin.get("/admin/audit/access?member=" + memberId + "&client=" + client[0]
                    + "&at=" + URLEncoder.encode(before.toString(), StandardCharsets.UTF_8));
            assertThat(then.body()).contains("could not access");
            HttpResponse<String> now = admin.get("/admin/audit/access?member=" + memberId + "&client=" + client[0]
                    + "&at=" + URLEncoder.encode(Instant.now().plusSeconds(1).toString(), StandardCharsets.UTF_8));
            assertThat(now.body()).contains("could access").contains("profile");

            HttpResponse<String> ledger = admin.get("/admin/ledger");
            HttpResponse<String> verified = admin.submit(ledger.body(), "/admin/ledger/verify", Map.of(), null);
            assertThat(verified.statusCode()).isEqualTo(200);
            assertThat(verified.body()).contains("The ledger is intact");
            assertThat(Long.parseLong(group(verified.body(), "id=\"events-verified\">(\\d+)<"))).isPositive();
        }
    }

    @Nested
    class TokenSettings {
        @Test
        @DisplayName("RFC 9068 per client from the console: PS256 access tokens of 120 s; a lifetime out of bounds is refused")
        void requestWhenTokenSettingsSavedThenTokensFollow() throws Exception {
            Api api = new Api(issuer);
            String[] client = api.registerApiClient();
            Browser admin = admin();
            HttpResponse<String> page = admin.get("/admin/clients/" + client[0]);
            HttpResponse<String> saved = admin.submit(page.body(), "/admin/clients/" + client[0] + "/token-settings",
                    Map.of("access_token_signing_alg", "PS256", "access_token_lifetime", "120"), null);
            assertThat(saved.statusCode()).isEqualTo(303);

            Api.Response token = token(api, client[0], client[1], "api:read");
            var jwt = com.nimbusds.jwt.SignedJWT.parse(token.json().get("access_token").asText());
            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("PS256");
            var claims = jwt.getJWTClaimsSet();
            assertThat((claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000).isEqualTo(120);

            HttpResponse<String> refused = admin.submit(admin.get("/admin/clients/" + client[0]).body(),
                    "/admin/clients/" + client[0] + "/token-settings", Map.of("access_token_lifetime", "5"), null);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("id=\"tokens-error\"");
            assertThat(admin.get("/admin/audit?client=" + client[0] + "&type=client.token_settings.changed").body())
                    .contains(row("client.token_settings.changed"));
        }

        @Test
        @DisplayName("RFC 9449 §5.2 from the console: ticking dpop_bound_access_tokens makes proof-less token requests invalid_request; saving other settings keeps it")
        void requestWhenDpopRequiredFromConsoleThenProoflessTokenRefused() throws Exception {
            Api api = new Api(issuer);
            String[] client = api.registerApiClient();
            Browser admin = admin();
            HttpResponse<String> saved = admin.submit(admin.get("/admin/clients/" + client[0]).body(),
                    "/admin/clients/" + client[0] + "/token-settings", Map.of("dpop_bound_access_tokens", "true"), null);
            assertThat(saved.statusCode()).isEqualTo(303);
            Api.Response refused = token(api, client[0], client[1], "api:read");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("error").asText()).isEqualTo("invalid_request");
            assertThat(admin.get("/admin/clients/" + client[0]).body())
                    .containsPattern("id=\"dpop_bound_access_tokens\"[^>]*checked");

            admin.submit(admin.get("/admin/clients/" + client[0]).body(), "/admin/clients/" + client[0]
                    + "/token-settings", Map.of("access_token_lifetime", "120"), null);
            assertThat(token(api, client[0], client[1], "api:read").status())
                    .as("the box was not ticked in that submission: DPoP is no longer required").isEqualTo(200);
        }

        @Test
        @DisplayName("RFC 8705 §3.4 from the console: ticking tls_client_certificate_bound_access_tokens makes token"
                + " requests without a client certificate invalid_request and binds the others; it is a ledger event")
        void rfc8705_3_4_certificateBindingFromConsole() throws Exception {
            Api api = new Api(issuer);
            String[] client = api.registerApiClient();
            Browser admin = admin();
            HttpResponse<String> saved = admin.submit(admin.get("/admin/clients/" + client[0]).body(),
                    "/admin/clients/" + client[0] + "/token-settings",
                    Map.of("tls_client_certificate_bound_access_tokens", "true"), null);
            assertThat(saved.statusCode()).isEqualTo(303);
            Api.Response refused = token(api, client[0], client[1], "api:read");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("error").asText()).isEqualTo("invalid_request");
            String pem = AdminConsoleIT.class.getResource("/mtls/client-a.pem").getPath();
            Api.Response bound = api.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", Api.basic(client[0], client[1]))
                    .header("X-SSL-Client-Cert", java.net.URLEncoder.encode(
                            java.nio.file.Files.readString(java.nio.file.Path.of(pem)), StandardCharsets.UTF_8))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
            assertThat(bound.status()).as(bound.raw().body()).isEqualTo(200);
            assertThat(com.nimbusds.jwt.SignedJWT.parse(bound.json().get("access_token").asText()).getJWTClaimsSet()
                    .getJSONObjectClaim("cnf")).containsKey("x5t#S256");
            assertThat(admin.get("/admin/clients/" + client[0]).body())
                    .containsPattern("id=\"tls_client_certificate_bound_access_tokens\"[^>]*checked");
            assertThat(events(client[0], "ClientMtlsSettingsChanged")).hasSize(1);

            admin.submit(admin.get("/admin/clients/" + client[0]).body(), "/admin/clients/" + client[0]
                    + "/token-settings", Map.of("access_token_lifetime", "120"), null);
            assertThat(token(api, client[0], client[1], "api:read").status())
                    .as("the box was not ticked in that submission: binding is no longer required").isEqualTo(200);
        }
    }

    @Nested
    class SigningKeys {
        @Test
        @DisplayName("OIDC Core §10.1.1 from the console: rotate PS256 (old key still in the JWKS), retire the old one (gone)")
        void requestWhenRotatingAndRetiringThenJwksFollows() throws Exception {
            Browser admin = admin();
            HttpResponse<String> page = admin.get("/admin/keys");
            assertThat(page.statusCode()).isEqualTo(200);
            String before = group(page.body(), "data-kid=\"([^\"]+)\" data-alg=\"PS256\" data-status=\"active\"");

            HttpResponse<String> rotated = admin.submit(page.body(), "/admin/keys/rotate", Map.of("alg", "PS256"), null);
            assertThat(rotated.statusCode()).isEqualTo(200);
            String after = group(rotated.body(), "data-kid=\"([^\"]+)\" data-alg=\"PS256\" data-status=\"active\"");
            assertThat(after).isNotEqualTo(before);
            assertThat(rotated.body()).contains("data-kid=\"" + before + "\" data-alg=\"PS256\" data-status=\"rotated\"");
            assertThat(new Api(issuer).get("/oauth2/jwks", null).raw().body()).contains(before).contains(after);

            HttpResponse<String> refused = admin.submit(rotated.body(), "/admin/keys/" + after + "/retire", Map.of(), null);
            assertThat(refused.statusCode()).as("the active key cannot be retired").isEqualTo(400);
            HttpResponse<String> retired = admin.submit(refused.body(), "/admin/keys/" + before + "/retire", Map.of(), null);
            assertThat(retired.statusCode()).isEqualTo(200);
            assertThat(retired.body()).contains("data-kid=\"" + before + "\" data-alg=\"PS256\" data-status=\"retired\"");
            assertThat(new Api(issuer).get("/oauth2/jwks", null).raw().body()).doesNotContain(before).contains(after);
            assertThat(admin.get("/admin/audit?type=signing_key.rotated").body()).contains(row("signing_key.rotated"));
        }
    }

    Browser admin() throws Exception {
        return signedIn(new Browser(issuer), DemoData.ADMIN_EMAIL, DemoData.ADMIN_PASSWORD);
    }

    static Browser signedIn(Browser browser, String email, String password) throws Exception {
        HttpResponse<String> result = browser.submit(browser.get("/signin").body(), "/signin",
                Map.of("email", email, "password", password), null);
        assertThat(result.statusCode()).as("sign-in of " + email).isEqualTo(303);
        return browser;
    }

    static Api.Response token(Api api, String clientId, String secret, String scope) throws Exception {
        return api.postForm("/oauth2/token", clientId, secret, Map.of("grant_type", "client_credentials", "scope", scope));
    }

    List<String> events(String aggregateId, String payloadType) {
        return jdbc.queryForList("SELECT event_identifier FROM (SELECT eventidentifier AS event_identifier, payloadtype"
                + " FROM domainevententry WHERE aggregateidentifier = ?) e WHERE payloadtype LIKE ?", String.class,
                aggregateId, "%." + payloadType);
    }

    /** A row of the history table (the type filter's suggestions name types too). */
    static String row(String type) {
        return "data-type=\"" + type + "\"";
    }

    static String csrf(String page) {
        return group(page, CSRF.pattern());
    }

    static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the page", regex).isTrue();
        return m.group(1);
    }
}
