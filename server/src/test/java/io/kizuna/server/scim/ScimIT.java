package io.kizuna.server.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * SCIM 2.0 (RFC 7643, RFC 7644) end to end against the real server, PostgreSQL event store and read
 * models: a provisioning client with the {@code scim} scope creates, reads, queries, replaces, modifies,
 * deletes and bulk-loads Users and Groups; every change is a ledger event, and deprovisioning locks the
 * member out at once.
 */
@KizunaIntegrationTest
class ScimIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String REDIRECT = "https://scim.example.jp/cb";

    @Value("${kizuna.issuer}")
    String issuer;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Api api;
    private String token;
    private String scimClient;

    record R(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    @BeforeEach
    void provisioningClient() throws Exception {
        api = new Api(issuer);
        Api.Response c = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of("client_name", "HR sync test",
                "grant_types", List.of("client_credentials"), "scope", "scim"));
        assertThat(c.status()).isEqualTo(201);
        scimClient = c.json().get("client_id").asText();
        token = api.postForm("/oauth2/token", scimClient, c.json().get("client_secret").asText(),
                Map.of("grant_type", "client_credentials", "scope", "scim")).json().get("access_token").asText();
    }

    private R call(String method, String path, Object body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(issuer + "/scim/v2" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                .header("Content-Type", "application/scim+json").header("Accept", "application/scim+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new R(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> user(String userName, String given, String family, String workEmail) {
        return Map.of("schemas", List.of(USER), "userName", userName, "externalId", "emp-" + UUID.randomUUID(),
                "name", Map.of("givenName", given, "familyName", family),
                "emails", List.of(Map.of("value", workEmail, "type", "work", "primary", true)),
                "phoneNumbers", List.of(Map.of("value", "+81-3-0000-0000", "type", "mobile")));
    }

    private static void assertScimError(R r, int status, String scimType) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/scim+json");
        assertThat(r.json().get("schemas").get(0).asText()).isEqualTo(ERROR);
        assertThat(r.json().get("status").asText()).isEqualTo(Integer.toString(status));
        if (scimType != null) {
            assertThat(r.json().get("scimType").asText()).isEqualTo(scimType);
        }
        assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("at io.kizuna");
    }

    private List<String> ledgerTypes(String query) throws Exception {
        Api.Response history = api.get("/admin/api/audit/events?" + query, Api.ADMIN_TOKEN);
        assertThat(history.status()).isEqualTo(200);
        return StreamSupport.stream(history.json().get("events").spliterator(), false)
                .map(e -> e.get("type").asText()).toList();
    }

    private String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @DisplayName("RFC 7644 §4: ServiceProviderConfig, ResourceTypes and Schemas describe the service")
    void discovery() throws Exception {
        R config = call("GET", "/ServiceProviderConfig", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.header("Content-Type")).startsWith("application/scim+json");
        assertThat(config.json().at("/patch/supported").asBoolean()).isTrue();
        assertThat(config.json().at("/bulk/maxOperations").asInt()).isEqualTo(100);
        assertThat(config.json().at("/filter/supported").asBoolean()).isTrue();
        assertThat(config.json().at("/etag/supported").asBoolean()).isTrue();
        assertThat(config.json().at("/authenticationSchemes/0/type").asText()).isEqualTo("oauthbearertoken");
        R types = call("GET", "/ResourceTypes", null);
        assertThat(types.json().get("totalResults").asInt()).isEqualTo(2);
        assertThat(call("GET", "/ResourceTypes/User", null).json().get("endpoint").asText()).isEqualTo("/Users");
        R schema = call("GET", "/Schemas/" + USER, null);
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.raw().body()).contains("\"userName\"").contains("\"writeOnly\"");
        assertScimError(call("GET", "/Schemas/urn:nope", null), 404, null);
    }

    @Test
    @DisplayName("RFC 7644 §2 / RFC 6750 §3.1: no token → 401, a token without the scim scope → 403 insufficient_scope")
    void authentication() throws Exception {
        String good = token;
        token = null;
        R none = call("GET", "/Users", null);
        assertScimError(none, 401, null);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer realm=");
        token = "not-a-token";
        R unknown = call("GET", "/Users", null);
        assertScimError(unknown, 401, null);
        assertThat(unknown.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        String[] other = api.registerApiClient();
        token = api.postForm("/oauth2/token", other[0], other[1], Map.of("grant_type", "client_credentials"))
                .json().get("access_token").asText();
        R wrongScope = call("GET", "/Users", null);
        assertScimError(wrongScope, 403, null);
        assertThat(wrongScope.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"")
                .contains("scope=\"scim\"");
        token = good;
        assertThat(call("GET", "/Users?count=1", null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 7644 §3.3 create, §3.4.1 retrieve, §3.9 attributes, §3.3 uniqueness → 409, invalid → 400")
    void createAndRetrieve() throws Exception {
        String u = unique();
        R created = call("POST", "/Users", user("alice." + u + "@corp.example", "Alice", "Sato", "alice." + u + "@corp.example"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo(issuer + "/scim/v2/Users/" + id);
        assertThat(created.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(created.json().at("/meta/version").asText()).isEqualTo("W/\"1\"");
        assertThat(created.json().at("/meta/resourceType").asText()).isEqualTo("User");
        assertThat(created.json().get("active").asBoolean()).isTrue();
        assertThat(created.json().at("/name/givenName").asText()).isEqualTo("Alice");

        R got = call("GET", "/Users/" + id, null);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("userName").asText()).isEqualTo("alice." + u + "@corp.example");
        R only = call("GET", "/Users/" + id + "?attributes=userName,name.familyName", null);
        assertThat(only.json().has("emails")).isFalse();
        assertThat(only.json().get("id").asText()).isEqualTo(id);
        assertThat(only.json().at("/name/familyName").asText()).isEqualTo("Sato");
        assertThat(only.json().at("/name/givenName").isMissingNode()).isTrue();
        R without = call("GET", "/Users/" + id + "?excludedAttributes=emails,phoneNumbers", null);
        assertThat(without.json().has("emails")).isFalse();
        assertThat(without.json().has("userName")).isTrue();

        // userName is case-insensitive and unique (RFC 7643 §4.1.1)
        assertScimError(call("POST", "/Users", user("ALICE." + u + "@corp.example", "A", "B", "x" + u + "@corp.example")),
                409, "uniqueness");
        Map<String, Object> sameExternal = new java.util.HashMap<>(user("other." + u + "@corp.example", "O", "P",
                "o" + u + "@corp.example"));
        sameExternal.put("externalId", created.json().get("externalId").asText());
        assertScimError(call("POST", "/Users", sameExternal), 409, "uniqueness");
        assertScimError(call("POST", "/Users", Map.of("schemas", List.of(USER))), 400, "invalidValue");
        assertScimError(call("POST", "/Users", Map.of("schemas", List.of(GROUP), "userName", "x" + u)), 400,
                "invalidValue");
        assertScimError(call("POST", "/Users", "{not json"), 400, "invalidSyntax");
        assertScimError(call("GET", "/Users/" + UUID.randomUUID(), null), 404, null);
        // a password is writeOnly: accepted, never returned
        Map<String, Object> withPassword = new java.util.HashMap<>(user("pw." + u + "@corp.example", "P", "W",
                "pw." + u + "@corp.example"));
        withPassword.put("password", "scim initial password 42");
        R pw = call("POST", "/Users", withPassword);
        assertThat(pw.status()).isEqualTo(201);
        assertThat(pw.raw().body()).doesNotContain("scim initial password").doesNotContain("password");
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2 filters, §3.4.2.3 sorting, §3.4.2.4 paging in a ListResponse")
    void filterSortAndPage() throws Exception {
        String u = unique();
        List<String> ids = new ArrayList<>();
        for (String[] p : new String[][] {{"carol", "Kato"}, {"bob", "Ito"}, {"dave", "Kato"}}) {
            ids.add(call("POST", "/Users", user(p[0] + "." + u + "@corp.example", p[0], p[1],
                    p[0] + "." + u + "@mail.example")).json().get("id").asText());
        }
        R eq = call("GET", "/Users?filter=" + q("userName eq \"BOB." + u + "@corp.example\""), null);
        assertThat(eq.json().get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(eq.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(eq.json().at("/Resources/0/id").asText()).isEqualTo(ids.get(1));

        R sw = call("GET", "/Users?filter=" + q("userName sw \"carol." + u + "\" or userName ew \"" + u
                + "@corp.example\" and name.familyName eq \"Kato\""), null);
        assertThat(sw.json().get("totalResults").asInt()).isEqualTo(2); // carol, dave
        R complex = call("GET", "/Users?filter=" + q("emails[type eq \"work\" and value co \"" + u
                + "@mail\"] and not (name.familyName eq \"Kato\")"), null);
        assertThat(complex.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(complex.json().at("/Resources/0/id").asText()).isEqualTo(ids.get(1));
        R present = call("GET", "/Users?filter=" + q("userName co \"" + u + "\" and title pr"), null);
        assertThat(present.json().get("totalResults").asInt()).isZero();
        R since = call("GET", "/Users?filter=" + q("userName co \"" + u + "\" and meta.created gt \""
                + Instant.now().minusSeconds(3600) + "\""), null);
        assertThat(since.json().get("totalResults").asInt()).isEqualTo(3);

        R page = call("GET", "/Users?filter=" + q("userName co \"" + u + "\"")
                + "&sortBy=userName&sortOrder=descending&startIndex=2&count=1", null);
        assertThat(page.json().get("totalResults").asInt()).isEqualTo(3);
        assertThat(page.json().get("startIndex").asInt()).isEqualTo(2);
        assertThat(page.json().get("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(page.json().at("/Resources/0/id").asText()).isEqualTo(ids.get(0)); // dave, carol, bob
        R zero = call("GET", "/Users?filter=" + q("userName co \"" + u + "\"") + "&count=0", null);
        assertThat(zero.json().get("totalResults").asInt()).isEqualTo(3);
        assertThat(zero.json().get("Resources")).isEmpty();

        assertScimError(call("GET", "/Users?filter=" + q("userName eq"), null), 400, "invalidFilter");
        assertScimError(call("GET", "/Users?filter=" + q("userName xx \"a\""), null), 400, "invalidFilter");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.1 replace, §3.14 ETags: stale If-Match → 412, current If-None-Match → 304")
    void replaceWithETags() throws Exception {
        String u = unique();
        R created = call("POST", "/Users", user("erin." + u + "@corp.example", "Erin", "Mori", "erin." + u + "@corp.example"));
        String id = created.json().get("id").asText();
        assertThat(call("GET", "/Users/" + id, null, "If-None-Match", "W/\"1\"").status()).isEqualTo(304);
        Map<String, Object> replacement = Map.of("schemas", List.of(USER), "userName", "erin.mori." + u + "@corp.example",
                "displayName", "Erin Mori", "title", "Engineer");
        R replaced = call("PUT", "/Users/" + id, replacement, "If-Match", "W/\"1\"");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(replaced.json().get("title").asText()).isEqualTo("Engineer");
        assertThat(replaced.json().has("emails")).isFalse(); // PUT replaces: omitted attributes are cleared
        assertThat(replaced.json().get("userName").asText()).isEqualTo("erin.mori." + u + "@corp.example");
        assertScimError(call("PUT", "/Users/" + id, replacement, "If-Match", "W/\"1\""), 412, null);
        assertScimError(call("DELETE", "/Users/" + id, null, "If-Match", "W/\"1\""), 412, null);
        assertThat(call("GET", "/Users/" + id, null, "If-None-Match", "W/\"1\"").status()).isEqualTo(200);
        // the old userName is free again, the new one taken
        assertThat(call("GET", "/Users?filter=" + q("userName eq \"erin." + u + "@corp.example\""), null).json()
                .get("totalResults").asInt()).isZero();
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2 PATCH add / replace / remove with value-filtered paths; readOnly → mutability")
    void patch() throws Exception {
        String u = unique();
        String id = call("POST", "/Users", user("fumi." + u + "@corp.example", "Fumi", "Abe", "fumi." + u + "@corp.example"))
                .json().get("id").asText();
        Map<String, Object> ops = Map.of("schemas", List.of(PATCH), "Operations", List.of(
                Map.of("op", "replace", "path", "name.givenName", "value", "Fumiko"),
                Map.of("op", "add", "path", "emails", "value", List.of(Map.of("value", "fumi." + u + "@home.example",
                        "type", "home"))),
                Map.of("op", "replace", "path", "emails[type eq \"work\"].value", "value", "fumiko." + u + "@corp.example"),
                Map.of("op", "remove", "path", "phoneNumbers[type eq \"mobile\"]"),
                Map.of("op", "add", "value", Map.of("title", "Manager"))));
        R patched = call("PATCH", "/Users/" + id, ops, "If-Match", "W/\"1\"");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().at("/name/givenName").asText()).isEqualTo("Fumiko");
        assertThat(patched.json().at("/name/familyName").asText()).isEqualTo("Abe");
        assertThat(patched.json().get("title").asText()).isEqualTo("Manager");
        assertThat(patched.json().has("phoneNumbers")).isFalse();
        assertThat(patched.json().get("emails")).hasSize(2);
        assertThat(patched.raw().body()).contains("fumiko." + u + "@corp.example").contains("fumi." + u + "@home.example");
        assertThat(patched.header("ETag")).isEqualTo("W/\"2\"");

        assertScimError(call("PATCH", "/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "path", "id", "value", "x")))), 400, "mutability");
        assertScimError(call("PATCH", "/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "path", "emails[type eq", "value", "x")))), 400, "invalidPath");
        assertScimError(call("PATCH", "/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "remove")))), 400, "noTarget");
        assertScimError(call("PATCH", "/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "path", "emails[type eq \"other\"].value", "value", "x")))), 400,
                "noTarget");
        // connectors (e.g. Entra ID) send capitalised ops, a path-less value object and booleans as strings
        R azure = call("PATCH", "/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "Replace", "value", Map.of("displayName", "Fumiko Abe")),
                        Map.of("op", "Replace", "path", "active", "value", "True"))));
        assertThat(azure.status()).isEqualTo(200);
        assertThat(azure.json().get("displayName").asText()).isEqualTo("Fumiko Abe");
        assertThat(azure.json().get("active").asBoolean()).isTrue();
        assertThat(azure.header("ETag")).isEqualTo("W/\"3\"");
        assertScimError(call("PATCH", "/Users/" + id, Map.of("schemas", List.of(USER), "Operations",
                List.of(Map.of("op", "remove", "path", "title")))), 400, "invalidValue");
        // a refused PATCH changed nothing
        assertThat(call("GET", "/Users/" + id, null).json().at("/meta/version").asText()).isEqualTo("W/\"3\"");
    }

    @Test
    @DisplayName("Provisioning and deprovisioning are ledger events; active=false locks the member out and kills their tokens; DELETE forgets them")
    void deprovisioningLocksOutAndDeleteForgets() throws Exception {
        String u = unique();
        String login = "gen." + u + "@corp.example";
        String password = "provisioned password " + u;
        Map<String, Object> body = new java.util.HashMap<>(user(login, "Gen", "Ueda", login));
        body.put("password", password);
        String id = call("POST", "/Users", body).json().get("id").asText();

        String[] site = api.registerWebClient(REDIRECT);
        CodeFlow.Result flow = CodeFlow.run(issuer, site[0], REDIRECT, login, password, "openid profile email");
        JsonNode tokens = api.postForm("/oauth2/token", site[0], site[1], Map.of("grant_type", "authorization_code",
                "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier())).json();
        String accessToken = tokens.get("access_token").asText();
        Api.Response info = api.get("/userinfo", accessToken);
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("sub").asText()).isEqualTo(id);
        assertThat(info.json().get("name").asText()).isEqualTo("Gen Ueda");

        R off = call("PATCH", "/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "path", "active", "value", false))));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("active").asBoolean()).isFalse();
        assertThat(api.get("/userinfo", accessToken).status()).isEqualTo(401);
        assertThat(signInStatus(login, password)).isEqualTo(401);

        List<String> types = ledgerTypes("member=" + id);
        assertThat(types).containsSubsequence("member.provisioned", "member.login.succeeded",
                "member.directory.updated", "member.deprovisioned", "session.ended", "grant.revoked");
        String events = api.get("/admin/api/audit/events?member=" + id, Api.ADMIN_TOKEN).raw().body();
        assertThat(events).doesNotContain(login).doesNotContain("Ueda"); // sealed, never plaintext

        R on = call("PUT", "/Users/" + id, Map.of("schemas", List.of(USER), "userName", login, "active", true));
        assertThat(on.json().get("active").asBoolean()).isTrue();
        assertThat(ledgerTypes("member=" + id)).endsWith("member.reactivated");
        assertThat(signInStatus(login, password)).isIn(302, 303);

        R deleted = call("DELETE", "/Users/" + id, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertScimError(call("GET", "/Users/" + id, null), 404, null);
        assertScimError(call("DELETE", "/Users/" + id, null), 404, null);
        assertThat(ledgerTypes("member=" + id)).endsWith("member.forgotten");
        assertThat(signInStatus(login, password)).isEqualTo(401);
        // the userName may be provisioned again, as a new member
        R again = call("POST", "/Users", user(login, "Gen", "Ueda", login));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asText()).isNotEqualTo(id);
    }

    private int signInStatus(String login, String password) throws Exception {
        Browser browser = new Browser(issuer);
        String[] site = api.registerWebClient(REDIRECT);
        Pkce pkce = Pkce.generate();
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + site[0]
                + "&redirect_uri=" + q(REDIRECT) + "&scope=openid&state=s&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256");
        HttpResponse<String> page = browser.get(authorize.headers().firstValue("Location").orElseThrow());
        return browser.submit(page.body(), "/signin", Map.of("email", login, "password", password), null).statusCode();
    }

    @Test
    @DisplayName("Groups (RFC 7643 §4.2): create, member groups on the User, PATCH members, rename, delete — all ledger events")
    void groups() throws Exception {
        String u = unique();
        String a = call("POST", "/Users", user("ha." + u + "@corp.example", "Ha", "Ko", "ha." + u + "@corp.example"))
                .json().get("id").asText();
        String b = call("POST", "/Users", user("hb." + u + "@corp.example", "Hb", "Ko", "hb." + u + "@corp.example"))
                .json().get("id").asText();
        Instant before = Instant.now();
        R created = call("POST", "/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Engineering " + u,
                "members", List.of(Map.of("value", a), Map.of("value", b))));
        assertThat(created.status()).isEqualTo(201);
        String g = created.json().get("id").asText();
        assertThat(created.json().get("members")).hasSize(2);
        assertThat(call("GET", "/Users/" + a, null).json().at("/groups/0/value").asText()).isEqualTo(g);

        R removed = call("PATCH", "/Groups/" + g, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "remove", "path", "members[value eq \"" + b + "\"]"))), "If-Match", "W/\"1\"");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("members")).hasSize(1);
        assertThat(call("GET", "/Users/" + b, null).json().has("groups")).isFalse();

        R renamed = call("PUT", "/Groups/" + g, Map.of("schemas", List.of(GROUP), "displayName", "Platform " + u,
                "members", List.of(Map.of("value", a))));
        assertThat(renamed.json().get("displayName").asText()).isEqualTo("Platform " + u);
        assertThat(call("GET", "/Groups?filter=" + q("displayName eq \"Platform " + u + "\""), null).json()
                .get("totalResults").asInt()).isEqualTo(1);
        assertThat(call("GET", "/Groups?filter=" + q("members[value eq \"" + a + "\"]"), null).json()
                .get("totalResults").asInt()).isEqualTo(1);
        assertScimError(call("POST", "/Groups", Map.of("schemas", List.of(GROUP), "displayName", "x",
                "members", List.of(Map.of("value", "no-such-user")))), 400, "invalidValue");
        assertThat(call("DELETE", "/Groups/" + g, null).status()).isEqualTo(204);
        assertScimError(call("GET", "/Groups/" + g, null), 404, null);

        List<String> types = new ArrayList<>();
        for (String type : List.of("group.created", "group.members.removed", "group.renamed", "group.deleted")) {
            Api.Response r = api.get("/admin/api/audit/events?type=" + type + "&from=" + before, Api.ADMIN_TOKEN);
            StreamSupport.stream(r.json().get("events").spliterator(), false)
                    .filter(e -> e.get("aggregateId").asText().equals(g)).forEach(e -> types.add(e.get("type").asText()));
        }
        assertThat(types).containsExactly("group.created", "group.members.removed", "group.renamed", "group.deleted");
    }

    @Test
    @DisplayName("RFC 7644 §3.7 Bulk: bulkId references resolve in any order, failOnErrors stops, too many operations → 413")
    void bulk() throws Exception {
        String u = unique();
        Map<String, Object> request = Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"),
                "Operations", List.of(
                        Map.of("method", "POST", "path", "/Groups", "bulkId", "grp", "data", Map.of("schemas", List.of(GROUP),
                                "displayName", "Bulk " + u, "members", List.of(Map.of("value", "bulkId:usr")))),
                        Map.of("method", "POST", "path", "/Users", "bulkId", "usr",
                                "data", user("bulk." + u + "@corp.example", "Bu", "Lk", "bulk." + u + "@corp.example")),
                        Map.of("method", "PATCH", "path", "/Users/bulkId:usr", "data", Map.of("schemas", List.of(PATCH),
                                "Operations", List.of(Map.of("op", "replace", "path", "title", "value", "Bulk title"))))));
        R r = call("POST", "/Bulk", request);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse");
        JsonNode ops = r.json().get("Operations");
        assertThat(ops).hasSize(3);
        assertThat(ops.get(0).get("status").asText()).isEqualTo("201");
        assertThat(ops.get(1).get("status").asText()).isEqualTo("201");
        assertThat(ops.get(2).get("status").asText()).isEqualTo("200");
        String groupLocation = ops.get(0).get("location").asText();
        String userId = ops.get(1).get("location").asText().replaceAll(".*/", "");
        R group = call("GET", groupLocation.substring(groupLocation.indexOf("/Groups")), null);
        assertThat(group.json().at("/members/0/value").asText()).isEqualTo(userId);
        assertThat(call("GET", "/Users/" + userId, null).json().get("title").asText()).isEqualTo("Bulk title");

        Map<String, Object> failing = Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"),
                "failOnErrors", 1, "Operations", List.of(
                        Map.of("method", "POST", "path", "/Users", "bulkId", "dup",
                                "data", user("bulk." + u + "@corp.example", "D", "U", "d" + u + "@corp.example")),
                        Map.of("method", "POST", "path", "/Users", "bulkId", "never",
                                "data", user("never." + u + "@corp.example", "N", "V", "n" + u + "@corp.example"))));
        R stopped = call("POST", "/Bulk", failing);
        assertThat(stopped.json().get("Operations")).hasSize(1);
        assertThat(stopped.json().at("/Operations/0/status").asText()).isEqualTo("409");
        assertThat(stopped.json().at("/Operations/0/response/scimType").asText()).isEqualTo("uniqueness");
        assertThat(call("GET", "/Users?filter=" + q("userName eq \"never." + u + "@corp.example\""), null).json()
                .get("totalResults").asInt()).isZero();

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Map.of("method", "DELETE", "path", "/Users/x" + i));
        }
        assertScimError(call("POST", "/Bulk", Map.of("schemas",
                List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"), "Operations", many)), 413, null);
    }

    @Test
    @DisplayName("RFC 7644 §3.1 / §3.12: wrong media type → 415, unsupported method → 405, errors in the SCIM error schema")
    void protocolErrors() throws Exception {
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(issuer + "/scim/v2/Users"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("userName=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(plain.body()).contains(ERROR);
        assertScimError(call("PATCH", "/Users", Map.of()), 405, null);
        assertScimError(call("GET", "/Nope", null), 404, null);
        HttpResponse<String> bulkPlain = http.send(HttpRequest.newBuilder(URI.create(issuer + "/scim/v2/Bulk"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bulkPlain.statusCode()).isEqualTo(415);
        assertScimError(call("GET", "/Users?startIndex=abc", null), 400, "invalidValue");
    }
}
