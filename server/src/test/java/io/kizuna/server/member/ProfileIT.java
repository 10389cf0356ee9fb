package io.kizuna.server.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Profile editing in the account console: one sealed {@code member.profile.updated}, a new address is the
 * new login and unverified until its mailed link is followed, and UserInfo releases the claims per scope
 * (OIDC Core §5.4).
 */
@KizunaIntegrationTest
class ProfileIT {
    static final String PASSWORD = "profile tester password";
    static final String REDIRECT = "https://profile.example.jp/cb";
    static final Pattern LINK = Pattern.compile("/verify-email\\?token=[A-Za-z0-9_-]+");

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("name, e-mail, phone, address edited: sealed event, login moves to the new address, re-verification, "
            + "UserInfo per scope")
    void requestWhenProfileEditedThenSealedEventNewLoginAndClaimsPerScope() throws Exception {
        Api api = new Api(issuer);
        String oldEmail = "profile-" + UUID.randomUUID() + "@example.jp";
        String newEmail = "moved-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(oldEmail, PASSWORD, "Profile Tester");
        Browser browser = new Browser(issuer);
        browser.submit(browser.get("/signin").body(), "/signin", Map.of("email", oldEmail, "password", PASSWORD), null);
        HttpResponse<String> form = browser.get("/account/profile");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains(oldEmail).contains("Profile Tester");

        HttpResponse<String> taken = browser.submit(form.body(), "/account/profile", Map.of("name", "Profile Tester",
                "email", "not an address"), null);
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(events(memberId, "MemberProfileUpdated")).isEmpty();

        HttpResponse<String> saved = browser.submit(form.body(), "/account/profile", Map.of("name", "山田 太郎",
                "email", newEmail.toUpperCase(), "phone", "+81 3-1234-5678", "address", "東京都千代田区1-1\r\n101"), null);
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/account/profile?saved=email");
        assertThat(events(memberId, "MemberProfileUpdated")).singleElement().satisfies(e -> assertThat(e)
                .contains("\"emailChanged\":true").doesNotContain(newEmail).doesNotContain("1234-5678")
                .doesNotContain("山田").doesNotContain("千代田"));
        HttpResponse<String> again = browser.submit(browser.get("/account/profile").body(), "/account/profile",
                Map.of("name", "山田 太郎", "email", newEmail, "phone", "+81 3-1234-5678", "address",
                        "東京都千代田区1-1\n101"), null);
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(events(memberId, "MemberProfileUpdated")).as("nothing changed: nothing recorded").hasSize(1);

        // the new address is the login; the old one no longer is
        Browser fresh = new Browser(issuer);
        assertThat(fresh.submit(fresh.get("/signin").body(), "/signin", Map.of("email", oldEmail, "password", PASSWORD),
                null).statusCode()).isEqualTo(401);

        String[] client = client(api, "openid profile email phone address");
        JsonNode userinfo = userinfo(api, client, newEmail, "openid profile email phone address");
        assertThat(userinfo.get("name").asText()).isEqualTo("山田 太郎");
        assertThat(userinfo.get("email").asText()).isEqualTo(newEmail);
        assertThat(userinfo.get("email_verified").asBoolean()).isFalse();
        assertThat(userinfo.get("phone_number").asText()).isEqualTo("+81 3-1234-5678");
        assertThat(userinfo.get("address").get("formatted").asText()).isEqualTo("東京都千代田区1-1\n101");
        JsonNode narrow = userinfo(api, client, newEmail, "openid email");
        assertThat(narrow.has("phone_number")).isFalse();
        assertThat(narrow.has("address")).isFalse();
        assertThat(narrow.has("name")).isFalse();

        // the verification link went to the new address only
        List<String> mails = jdbc.queryForList("SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY id",
                String.class, newEmail);
        assertThat(mails).hasSize(1);
        Matcher link = LINK.matcher(mails.get(0));
        assertThat(link.find()).isTrue();
        assertThat(new Browser(issuer).get(link.group()).statusCode()).isEqualTo(200);
        assertThat(userinfo(api, client, newEmail, "openid email").get("email_verified").asBoolean()).isTrue();
    }

    private String[] client(Api api, String scope) throws Exception {
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Profile site " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code"), "scope", scope));
        assertThat(r.status()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }

    private JsonNode userinfo(Api api, String[] client, String email, String scope) throws Exception {
        CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, PASSWORD, scope);
        String accessToken = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier()))
                .json().get("access_token").asText();
        return api.get("/userinfo", accessToken).json();
    }

    private List<String> events(String memberId, String type) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE ? ORDER BY sequencenumber", String.class,
                memberId, "%." + type);
    }
}
