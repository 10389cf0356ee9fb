package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.api.client.ClientType;
import io.kizuna.client.ClientRegistrations;
import io.kizuna.client.ClientRegistry;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Scopes with resource-server audiences (RFC 9068 §3 {@code aud}), RFC 8707 resource indicators at the
 * token endpoint, and introspection limited to the resource server a token is meant for (RFC 7662 §4).
 * The test configuration maps {@code ledger:read ledger:write} to {@code https://ledger-api.kizuna.example},
 * whose resource server introspects as {@code ledger-resource-server}.
 */
@KizunaIntegrationTest
class ResourceIndicatorsIT {
    static final String LEDGER_API = "https://ledger-api.kizuna.example";
    static final String RESOURCE_SERVER = "ledger-resource-server";
    static final String RESOURCE_SERVER_SECRET = "ledger-resource-server-secret-for-tests-only-0123456789";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    ClientRegistrations registrations;

    @Autowired
    ClientRegistry registry;

    Api api;
    String[] client;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        synchronized (ResourceIndicatorsIT.class) {
            if (!registry.exists(RESOURCE_SERVER)) {
                registrations.register(RESOURCE_SERVER, RESOURCE_SERVER_SECRET, "Ledger API", ClientType.CONFIDENTIAL,
                        "client_secret_basic", List.of(), List.of("client_credentials"), List.of("ledger:read"), null,
                        null, null);
            }
        }
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Ledger consumer " + UUID.randomUUID(), "grant_types", List.of("client_credentials"),
                "scope", "ledger:read api:read"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        client = new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }

    Api.Response token(String[] as, String form) throws Exception {
        return api.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Api.basic(as[0], as[1]))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&" + form)).build());
    }

    static List<String> audience(Api.Response token) throws Exception {
        return SignedJWT.parse(token.json().get("access_token").asText()).getJWTClaimsSet().getAudience();
    }

    JsonNode introspect(String[] as, String token) throws Exception {
        return api.postForm("/oauth2/introspect", as[0], as[1], Map.of("token", token)).json();
    }

    @Test
    @DisplayName("RFC 9068 §3: a token whose scope reaches a resource server has that server as aud; others keep the issuer")
    void requestWhenScopeMapsToResourceServerThenAudience() throws Exception {
        assertThat(audience(token(client, "scope=ledger:read"))).containsExactly(LEDGER_API);
        assertThat(audience(token(client, "scope=api:read"))).containsExactly(issuer);
    }

    @Test
    @DisplayName("RFC 8707 §2.2: resource narrows the audience to exactly the requested resources; it may repeat")
    void requestWhenResourceParameterThenAudienceIsTheResource() throws Exception {
        Api.Response r = token(client, "scope=ledger:read+api:read&resource=" + enc(LEDGER_API));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(audience(r)).containsExactly(LEDGER_API);
        Api.Response both = token(client, "scope=ledger:read+api:read&resource=" + enc(LEDGER_API) + "&resource="
                + enc(issuer));
        assertThat(both.status()).as(both.raw().body()).isEqualTo(200);
        assertThat(audience(both)).containsExactly(LEDGER_API, issuer);
    }

    @Test
    @DisplayName("RFC 8707 §2: an unknown, relative, fragment-bearing or unreachable resource is invalid_target")
    void requestWhenBadResourceThenInvalidTarget() throws Exception {
        assertOAuthError(token(client, "resource=" + enc("https://unknown.example")), 400, "invalid_target");
        assertOAuthError(token(client, "resource=" + enc("/relative")), 400, "invalid_target");
        assertOAuthError(token(client, "resource=" + enc(LEDGER_API + "#x")), 400, "invalid_target");
        String[] other = api.registerApiClient();
        assertOAuthError(token(other, "resource=" + enc(LEDGER_API)), 400, "invalid_target");
    }

    @Test
    @DisplayName("RFC 7662 §4: a resource-audience token is active for its client and its resource server, inactive for any other client")
    void requestWhenIntrospectingResourceTokenThenOnlyAudienceMaySee() throws Exception {
        String token = token(client, "scope=ledger:read").json().get("access_token").asText();
        JsonNode byResourceServer = introspect(new String[] {RESOURCE_SERVER, RESOURCE_SERVER_SECRET}, token);
        assertThat(byResourceServer.get("active").asBoolean()).isTrue();
        assertThat(byResourceServer.get("aud").asText()).isEqualTo(LEDGER_API);
        assertThat(byResourceServer.get("client_id").asText()).isEqualTo(client[0]);
        assertThat(introspect(client, token).get("active").asBoolean()).as("its own client").isTrue();
        JsonNode byStranger = introspect(api.registerApiClient(), token);
        assertThat(byStranger.get("active").asBoolean()).isFalse();
        assertThat(byStranger.size()).as("nothing else is revealed").isEqualTo(1);

        String issuerToken = token(client, "scope=api:read").json().get("access_token").asText();
        assertThat(introspect(api.registerApiClient(), issuerToken).get("active").asBoolean())
                .as("documented rule: issuer-audience tokens stay introspectable by confidential clients").isTrue();
        assertThat(introspect(new String[] {RESOURCE_SERVER, RESOURCE_SERVER_SECRET},
                token(client, "scope=api:read&resource=" + enc(issuer)).json().get("access_token").asText())
                .get("aud").asText()).isEqualTo(issuer);
    }

    @Test
    @DisplayName("RFC 8707 §2: an unknown resource at the authorization endpoint is invalid_target, back at the client with state and iss")
    void requestWhenUnknownResourceAtAuthorizationThenInvalidTarget() throws Exception {
        String redirect = "https://resource.example.jp/cb";
        String[] web = api.registerWebClient(redirect);
        String url = "/oauth2/authorize?response_type=code&client_id=" + web[0] + "&redirect_uri=" + enc(redirect)
                + "&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256&resource=" + enc("https://unknown.example");
        var r = new io.kizuna.server.support.Browser(issuer).get(url);
        assertThat(r.statusCode()).isEqualTo(302);
        Map<String, String> error = io.kizuna.server.support.Browser.queryOf(r.headers().firstValue("Location").orElseThrow());
        assertThat(error).containsEntry("error", "invalid_target").containsEntry("state", "s1").containsEntry("iss", issuer);
        var ok = new io.kizuna.server.support.Browser(issuer).get(url.replace(enc("https://unknown.example"), enc(issuer)));
        assertThat(ok.headers().firstValue("Location").orElseThrow()).as("the issuer is a valid resource")
                .doesNotContain("error=");
    }

    @Test
    @DisplayName("RFC 8707 §2.1, §2.2: a resource named at the authorization endpoint binds the grant: the token request"
            + " without resource gets it as aud, may name it again, and another valid resource is invalid_target;"
            + " a refresh keeps it")
    void requestWhenResourceAtAuthorizationThenGrantBoundToIt() throws Exception {
        String redirect = "https://resource-bound.example.jp/cb";
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Ledger web " + UUID.randomUUID(), "redirect_uris", List.of(redirect),
                "grant_types", List.of("authorization_code", "refresh_token"),
                "scope", "openid ledger:read offline_access"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String[] web = {registered.json().get("client_id").asText(), registered.json().get("client_secret").asText()};
        String email = "resource-" + UUID.randomUUID() + "@example.jp";
        String password = "resource indicators are bound 8707";
        api.registerMember(email, password, "Resource Tester");

        java.util.function.Function<String, Api.Response> redeem = resourceParam -> {
            try {
                io.kizuna.server.support.CodeFlow.Result flow = io.kizuna.server.support.CodeFlow.run(issuer, web[0],
                        redirect, email, password, "openid ledger:read offline_access",
                        "&resource=" + enc(LEDGER_API));
                return api.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", Api.basic(web[0], web[1]))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + flow.code()
                                + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + flow.verifier()
                                + resourceParam)).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Api.Response both = redeem.apply("");
        assertThat(both.status()).as(both.raw().body()).isEqualTo(200);
        assertThat(audience(both)).as("not the issuer, which openid alone would add").containsExactly(LEDGER_API);

        Api.Response narrowed = redeem.apply("&resource=" + enc(LEDGER_API));
        assertThat(narrowed.status()).as(narrowed.raw().body()).isEqualTo(200);
        assertThat(audience(narrowed)).containsExactly(LEDGER_API);

        Api.Response widened = redeem.apply("&resource=" + enc(issuer));
        assertThat(widened.status()).isEqualTo(400);
        assertThat(widened.json().get("error").asText()).isEqualTo("invalid_target");

        Api.Response refreshed = api.postForm("/oauth2/token", web[0], web[1], Map.of("grant_type", "refresh_token",
                "refresh_token", both.json().get("refresh_token").asText()));
        assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
        assertThat(audience(refreshed)).containsExactly(LEDGER_API);
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
