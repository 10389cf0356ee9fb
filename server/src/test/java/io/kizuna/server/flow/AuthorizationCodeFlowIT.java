package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The walking skeleton end to end, over HTTP like a browser and a client would: register → authorize →
 * sign in → consent → code → token → userinfo → introspect → refresh, then the login in Elasticsearch
 * and every event in the ledger, in order.
 */
@KizunaIntegrationTest
class AuthorizationCodeFlowIT {

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Test
    @DisplayName("RFC 6749 §4.1 + RFC 7636: code flow with PKCE, tokens, userinfo, introspection, refresh; every step a ledger event")
    void requestWhenMemberSignsInAndConsentsThenEveryStepIsALedgerEvent() throws Exception {
        Api api = new Api(issuer);
        String redirectUri = "https://rp.example.jp/callback";
        String[] client = api.registerWebClient(redirectUri);
        String email = "flow-" + UUID.randomUUID() + "@example.jp";
        String password = "correct horse battery staple";
        String memberId = api.registerMember(email, password, "Flow Tester");

        Browser browser = new Browser(issuer);
        Pkce pkce = Pkce.generate();
        String state = UUID.randomUUID().toString();
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + client[0]
                + "&redirect_uri=" + Browser.encode(Map.of("x", redirectUri)).substring(2)
                + "&scope=openid%20profile%20email&state=" + state + "&nonce=n-0S6_WzA2Mj"
                + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
        assertThat(authorize.statusCode()).isEqualTo(302);
        String signInUrl = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(signInUrl).startsWith("/signin?request=");

        HttpResponse<String> signInPage = browser.get(signInUrl);
        assertThat(signInPage.statusCode()).isEqualTo(200);
        HttpResponse<String> signedIn = browser.submit(signInPage.body(), "/signin",
                Map.of("email", email, "password", password), null);
        assertThat(signedIn.statusCode()).isIn(302, 303);
        String consentUrl = signedIn.headers().firstValue("Location").orElseThrow();
        assertThat(consentUrl).contains("/consent?request=");

        HttpResponse<String> consentPage = browser.get(consentUrl);
        assertThat(consentPage.statusCode()).isEqualTo(200);
        HttpResponse<String> approved = browser.submit(consentPage.body(), "/consent", Map.of(), "approve");
        assertThat(approved.statusCode()).isIn(302, 303);
        String callback = approved.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(redirectUri + "?");
        Map<String, String> response = Browser.queryOf(callback);
        assertThat(response).containsEntry("state", state).containsEntry("iss", issuer).containsKey("code");

        Api.Response token = api.postForm("/oauth2/token", client[0], client[1], Map.of(
                "grant_type", "authorization_code", "code", response.get("code"), "redirect_uri", redirectUri,
                "code_verifier", pkce.verifier()));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.header("Cache-Control")).contains("no-store");
        JsonNode tokens = token.json();
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isBetween(1L, 600L);
        assertThat(tokens.get("scope").asText()).isEqualTo("email openid profile");
        String accessToken = tokens.get("access_token").asText();
        String refreshToken = tokens.get("refresh_token").asText();
        assertThat(tokens.get("id_token").asText()).isNotBlank();
        IdTokens.assertValid(tokens.get("id_token").asText(), api, issuer, client[0], memberId, "n-0S6_WzA2Mj",
                accessToken);

        Api.Response userinfo = api.get("/userinfo", accessToken);
        assertThat(userinfo.status()).isEqualTo(200);
        assertThat(userinfo.json().get("sub").asText()).isEqualTo(memberId);
        assertThat(userinfo.json().get("email").asText()).isEqualTo(email);
        assertThat(userinfo.json().get("name").asText()).isEqualTo("Flow Tester");

        Api.Response introspection = api.postForm("/oauth2/introspect", client[0], client[1],
                Map.of("token", accessToken));
        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.json().get("active").asBoolean()).isTrue();
        assertThat(introspection.json().get("sub").asText()).isEqualTo(memberId);
        assertThat(introspection.json().get("client_id").asText()).isEqualTo(client[0]);
        assertThat(introspection.json().get("scope").asText()).isEqualTo("email openid profile");

        Api.Response refreshed = api.postForm("/oauth2/token", client[0], client[1], Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("refresh_token").asText()).isNotEqualTo(refreshToken);
        assertThat(refreshed.json().get("access_token").asText()).isNotEqualTo(accessToken);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response analytics = api.get("/api/analytics/logins-per-client-per-day?from="
                    + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC), null);
            assertThat(analytics.status()).isEqualTo(200);
            assertThat(analytics.json().get("rows").findValues("clientId").stream().map(JsonNode::asText))
                    .contains(client[0]);
        });

        String grantId = jdbc.queryForObject("SELECT grant_id FROM token_lookup WHERE member_id = ? AND client_id = ? "
                + "ORDER BY issued_at LIMIT 1", String.class, memberId, client[0]);
        assertThat(eventTypes(memberId)).containsExactly("MemberRegistered", "LoginSucceeded");
        assertThat(eventTypes(memberId + "/" + client[0])).containsExactly("ConsentGranted");
        assertThat(eventTypes(grantId)).containsExactly("AuthorizationCodeIssued", "AuthorizationCodeRedeemed",
                "AccessTokenIssued", "RefreshTokenIssued", "RefreshTokenRotated", "AccessTokenIssued",
                "RefreshTokenIssued");
        assertThat(eventTypes(client[0])).containsExactly("ClientRegistered");
        List<String> aggregates = List.of(client[0], memberId, memberId + "/" + client[0], grantId);
        assertThat(ledgerInOrder(aggregates)).containsExactly("ClientRegistered", "MemberRegistered",
                "LoginSucceeded", "ConsentGranted", "AuthorizationCodeIssued", "AuthorizationCodeRedeemed",
                "AccessTokenIssued", "RefreshTokenIssued", "RefreshTokenRotated", "AccessTokenIssued",
                "RefreshTokenIssued");

        List<String> eventIds = jdbc.queryForList("SELECT eventidentifier FROM domainevententry "
                + "WHERE aggregateidentifier IN (?, ?, ?, ?)", String.class, aggregates.toArray());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                elasticsearch.count(c -> c.index("kizuna-events").query(q -> q.ids(i -> i.values(eventIds)))).count())
                .as("every event of the flow indexed once, by event id").isEqualTo(eventIds.size()));
    }

    private List<String> ledgerInOrder(List<String> aggregateIds) {
        return jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier IN (?, ?, ?, ?) "
                + "ORDER BY globalindex", String.class, aggregateIds.toArray()).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    private List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", String.class, aggregateId).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }
}
