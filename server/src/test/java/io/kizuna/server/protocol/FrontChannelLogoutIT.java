package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.LogoutSupport.claims;
import static io.kizuna.server.protocol.LogoutSupport.idToken;
import static io.kizuna.server.protocol.LogoutSupport.newMember;
import static io.kizuna.server.protocol.LogoutSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** OpenID Connect Front-Channel Logout 1.0, section by section, over HTTP (the browser run: FrontChannelLogoutBrowserIT). */
@KizunaIntegrationTest
class FrontChannelLogoutIT {
    static final String FC = "https://rp.example.jp/fc";
    static final String BYE = "https://rp.example.jp/bye";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A confidential web client made through the admin API ({@code POST /admin/api/clients}). */
    static String[] client(Api api, String frontchannelUri, Boolean sessionRequired, List<String> postLogout)
            throws Exception {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("client_name", "Front-channel RP " + UUID.randomUUID());
        metadata.put("redirect_uris", List.of(LogoutSupport.REDIRECT));
        metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
        metadata.put("scope", "openid profile");
        if (frontchannelUri != null) {
            metadata.put("frontchannel_logout_uri", frontchannelUri);
        }
        if (sessionRequired != null) {
            metadata.put("frontchannel_logout_session_required", sessionRequired);
        }
        if (postLogout != null) {
            metadata.put("post_logout_redirect_uris", postLogout);
        }
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }

    static Map<String, Object> dcr(String frontchannelUri, Object sessionRequired) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("client_name", "DCR front-channel RP");
        metadata.put("redirect_uris", List.of(LogoutSupport.REDIRECT));
        metadata.put("frontchannel_logout_uri", frontchannelUri);
        if (sessionRequired != null) {
            metadata.put("frontchannel_logout_session_required", sessionRequired);
        }
        return metadata;
    }

    static void assertInvalidClientMetadata(Api.Response r, String mentioning) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(r.json().get("error_description").asText()).contains(mentioning);
    }

    @Nested
    @DisplayName("Front-Channel Logout §2 RP metadata")
    class Section2 {
        @Test
        @DisplayName("Front-Channel Logout §2 / RFC 7591 §2: dynamic registration records frontchannel_logout_uri "
                + "(query kept) and _session_required; RFC 7592 §2.1 reads them back; one ledger event")
        void requestWhenRegisteredDynamicallyThenMetadataReturned() throws Exception {
            Api api = new Api(issuer);
            Api.Response r = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, dcr(FC + "?tenant=1", true));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().get("frontchannel_logout_uri").asText()).isEqualTo(FC + "?tenant=1");
            assertThat(r.json().get("frontchannel_logout_session_required").asBoolean()).isTrue();
            JsonNode read = api.get(r.json().get("registration_client_uri").asText().substring(issuer.length()),
                    r.json().get("registration_access_token").asText()).json();
            assertThat(read.get("frontchannel_logout_uri").asText()).isEqualTo(FC + "?tenant=1");
            assertThat(read.get("frontchannel_logout_session_required").asBoolean()).isTrue();
            List<String> events = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                    + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%ClientLogoutSettingsChanged'", String.class,
                    r.json().get("client_id").asText());
            assertThat(events).singleElement().asString().contains("\"frontchannelLogoutUri\":\"" + FC + "?tenant=1\"",
                    "\"frontchannelLogoutSessionRequired\":true");
        }

        @Test
        @DisplayName("Front-Channel Logout §2 / RFC 7592 §2.2: an update changes the metadata; one without it removes it")
        void requestWhenUpdatedThenChangedOrRemoved() throws Exception {
            Api api = new Api(issuer);
            Api.Response r = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, dcr(FC, null));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().get("frontchannel_logout_session_required").asBoolean()).isFalse();
            String clientId = r.json().get("client_id").asText();
            String path = r.json().get("registration_client_uri").asText().substring(issuer.length());
            String token = r.json().get("registration_access_token").asText();

            Map<String, Object> changed = dcr("https://rp.example.jp/other-fc", true);
            changed.put("client_id", clientId);
            Api.Response updated = api.putJson(path, token, changed);
            assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
            assertThat(updated.json().get("frontchannel_logout_uri").asText()).isEqualTo("https://rp.example.jp/other-fc");
            assertThat(updated.json().get("frontchannel_logout_session_required").asBoolean()).isTrue();

            Api.Response removed = api.putJson(path, token, Map.of("client_id", clientId,
                    "client_name", "DCR front-channel RP", "redirect_uris", List.of(LogoutSupport.REDIRECT)));
            assertThat(removed.status()).as(removed.raw().body()).isEqualTo(200);
            assertThat(removed.json().has("frontchannel_logout_uri")).isFalse();
            assertThat(jdbc.queryForObject("SELECT frontchannel_logout_uri FROM oauth_client WHERE client_id = ?",
                    String.class, clientId)).isNull();

            Api.Response bad = api.putJson(path, token, Map.of("client_id", clientId, "client_name", "x",
                    "redirect_uris", List.of(LogoutSupport.REDIRECT), "frontchannel_logout_uri", FC + "#f"));
            assertInvalidClientMetadata(bad, "frontchannel_logout_uri");
        }

        @Test
        @DisplayName("Front-Channel Logout §2: relative, fragment, non-http(s), http off loopback, too long, or a "
                + "non-boolean _session_required is invalid_client_metadata and nothing is recorded")
        void requestWhenBadMetadataThenInvalidClientMetadata() throws Exception {
            Api api = new Api(issuer);
            Integer before = jdbc.queryForObject("SELECT count(*) FROM oauth_client", Integer.class);
            for (String uri : List.of("/fc", FC + "#fragment", "ftp://rp.example.jp/fc", "http://rp.example.jp/fc",
                    "javascript:alert(1)", "https://rp.example.jp/" + "a".repeat(2000))) {
                assertInvalidClientMetadata(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN,
                        dcr(uri, null)), "frontchannel_logout_uri");
            }
            assertInvalidClientMetadata(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, dcr(FC, "yes")),
                    "frontchannel_logout_session_required");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM oauth_client", Integer.class)).isEqualTo(before);
        }

        @Test
        @DisplayName("Front-Channel Logout §2: http on a loopback host is accepted while the issuer itself is http")
        void requestWhenLoopbackHttpOnHttpIssuerThenAccepted() throws Exception {
            assertThat(issuer).startsWith("http://");
            Api.Response r = new Api(issuer).postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN,
                    dcr("http://127.0.0.1:9/fc", false));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        }

        @Test
        @DisplayName("Front-Channel Logout §2: the admin API takes the metadata on POST /admin/api/clients and "
                + "PUT …/logout-settings, and refuses a bad one with invalid_client_metadata")
        void requestWhenAdminApiThenRecordedAndValidated() throws Exception {
            Api api = new Api(issuer);
            String[] rp = client(api, FC, true, null);
            assertThat(jdbc.queryForMap("SELECT frontchannel_logout_uri, frontchannel_logout_session_required "
                    + "FROM oauth_client WHERE client_id = ?", rp[0])).containsEntry("frontchannel_logout_uri", FC)
                    .containsEntry("frontchannel_logout_session_required", true);

            Api.Response put = api.putJson("/admin/api/clients/" + rp[0] + "/logout-settings", Api.ADMIN_TOKEN,
                    Map.of("frontchannel_logout_uri", "https://rp.example.jp/fc2", "post_logout_redirect_uris",
                            List.of(BYE)));
            assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
            assertThat(put.json().get("frontchannel_logout_uri").asText()).isEqualTo("https://rp.example.jp/fc2");
            assertThat(put.json().get("frontchannel_logout_session_required").asBoolean()).isFalse();

            Api.Response bad = api.putJson("/admin/api/clients/" + rp[0] + "/logout-settings", Api.ADMIN_TOKEN,
                    Map.of("frontchannel_logout_uri", "http://rp.example.jp/fc"));
            assertInvalidClientMetadata(bad, "frontchannel_logout_uri");
            assertThat(jdbc.queryForObject("SELECT frontchannel_logout_uri FROM oauth_client WHERE client_id = ?",
                    String.class, rp[0])).as("unchanged").isEqualTo("https://rp.example.jp/fc2");

            Map<String, Object> badCreate = new HashMap<>(Map.of("client_name", "bad", "redirect_uris",
                    List.of(LogoutSupport.REDIRECT), "frontchannel_logout_uri", FC + "#x"));
            assertInvalidClientMetadata(api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, badCreate),
                    "frontchannel_logout_uri");
        }
    }

    @Nested
    @DisplayName("Front-Channel Logout §3 OP metadata")
    class Section3 {
        @Test
        @DisplayName("Front-Channel Logout §3: discovery advertises frontchannel_logout_supported and _session_supported")
        void requestWhenDiscoveryThenFrontChannelSupported() throws Exception {
            JsonNode metadata = new Api(issuer).get("/.well-known/openid-configuration", null).json();
            assertThat(metadata.get("frontchannel_logout_supported").asBoolean()).isTrue();
            assertThat(metadata.get("frontchannel_logout_session_supported").asBoolean()).isTrue();
        }
    }

    @Nested
    @DisplayName("Front-Channel Logout §4 the OP's sign-out page")
    class Section4 {
        @Test
        @DisplayName("Front-Channel Logout §4: signing out at Kizuna renders one hidden iframe per RP of the session "
                + "with a frontchannel_logout_uri, iss and sid (the ID token's) when required, and CSP frame-src "
                + "naming exactly their origins")
        void requestWhenSignOutThenIframesPerRpAndFrameSrc() throws Exception {
            Api api = new Api(issuer);
            String[] withSession = client(api, FC + "?tenant=1", true, null);
            String[] plain = client(api, "https://other.example.jp:8443/logout", false, null);
            String[] none = client(api, null, null, null);
            client(api, "https://unused.example.jp/fc", true, null); // registered, but not used in this session
            Browser browser = signedIn(issuer, newMember(api, "fcl-signout"));
            String sid = claims(idToken(api, browser, withSession)).getStringClaim("sid");
            idToken(api, browser, plain);
            idToken(api, browser, none);

            HttpResponse<String> out = browser.submit(browser.get("/account").body(), "/signout", Map.of(), null);
            assertThat(out.statusCode()).isEqualTo(200);
            Document page = Jsoup.parse(out.body());
            assertThat(page.select("#logout-done")).hasSize(1);
            List<String> srcs = page.select("iframe.frontchannel-logout").eachAttr("src");
            assertThat(srcs).containsExactlyInAnyOrder(
                    FC + "?tenant=1&iss=" + q(issuer) + "&sid=" + q(sid),
                    "https://other.example.jp:8443/logout");
            for (Element frame : page.select("iframe.frontchannel-logout")) {
                assertThat(frame.attr("title")).isNotBlank();
                assertThat(frame.attr("aria-hidden")).isEqualTo("true");
            }
            assertThat(out.body()).doesNotContain("unused.example.jp").doesNotContain("<script>");
            String csp = out.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).endsWith("; frame-src https://other.example.jp:8443 https://rp.example.jp")
                    .contains("default-src 'self'", "frame-ancestors 'none'").doesNotContain("*");
            assertThat(csp.split("frame-src", -1)).as("one frame-src").hasSize(2);
            assertThat(browser.get("/account").statusCode()).as("signed out").isEqualTo(303);
        }

        @Test
        @DisplayName("Front-Channel Logout §4 without front-channel RPs: sign-out still goes straight to the sign-in page")
        void requestWhenNoFrontChannelRpThenRedirectAsBefore() throws Exception {
            Api api = new Api(issuer);
            String[] none = client(api, null, null, null);
            Browser browser = signedIn(issuer, newMember(api, "fcl-none"));
            idToken(api, browser, none);
            HttpResponse<String> out = browser.submit(browser.get("/account").body(), "/signout", Map.of(), null);
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
            assertThat(out.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("frame-src");
        }

        @Test
        @DisplayName("Front-Channel Logout §4 with RP-Initiated Logout §3: the page frames the RPs before the "
                + "post_logout_redirect_uri, as a continue link followed by a same-origin script, never inline")
        void requestWhenRpInitiatedWithRedirectThenFramesThenContinue() throws Exception {
            Api api = new Api(issuer);
            String[] rp = client(api, FC, true, List.of(BYE));
            Browser browser = signedIn(issuer, newMember(api, "fcl-rpi"));
            String idToken = idToken(api, browser, rp);
            String sid = claims(idToken).getStringClaim("sid");

            HttpResponse<String> end = browser.get("/oauth2/logout?id_token_hint=" + q(idToken)
                    + "&post_logout_redirect_uri=" + q(BYE) + "&state=st");
            assertThat(end.statusCode()).isEqualTo(303);
            HttpResponse<String> page = browser.get(end.headers().firstValue("Location").orElseThrow());
            assertThat(page.statusCode()).isEqualTo(200);
            Document html = Jsoup.parse(page.body());
            assertThat(html.select("iframe.frontchannel-logout").eachAttr("src"))
                    .containsExactly(FC + "?iss=" + q(issuer) + "&sid=" + q(sid));
            Element next = html.selectFirst("a#logout-continue");
            assertThat(next).isNotNull();
            assertThat(next.attr("href")).isEqualTo(BYE + "?state=st");
            assertThat(Integer.parseInt(next.attr("data-timeout-ms"))).isPositive();
            assertThat(html.select("script").eachAttr("src")).containsExactly("/js/frontchannel-logout.js");
            assertThat(html.select("script").first().data()).isEmpty();
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .endsWith("; frame-src https://rp.example.jp").doesNotContain("unsafe-inline");
            assertThat(browser.get("/js/frontchannel-logout.js").statusCode()).isEqualTo(200);
            assertThat(browser.get("/account").statusCode()).as("signed out").isEqualTo(303);
        }

        @Test
        @DisplayName("Front-Channel Logout §4 from the account console: ending this browser's own session frames "
                + "its RPs; 'sign out everywhere' frames this browser's session's RPs only")
        void requestWhenAccountConsoleEndsOwnSessionThenFrames() throws Exception {
            Api api = new Api(issuer);
            String email = newMember(api, "fcl-console");
            String[] rp = client(api, FC, true, null);
            Browser laptop = signedIn(issuer, email);
            Browser phone = signedIn(issuer, email);
            String laptopSid = claims(idToken(api, laptop, rp)).getStringClaim("sid");
            String phoneSid = claims(idToken(api, phone, rp)).getStringClaim("sid");

            HttpResponse<String> other = laptop.submit(laptop.get("/account").body(),
                    "/account/sessions/" + phoneSid + "/end", Map.of(), null);
            assertThat(other.statusCode()).as("another browser's session: nothing to frame here").isEqualTo(303);

            HttpResponse<String> all = laptop.submit(laptop.get("/account").body(), "/account/sessions/end-all",
                    Map.of(), null);
            assertThat(all.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(all.body()).select("iframe.frontchannel-logout").eachAttr("src"))
                    .containsExactly(FC + "?iss=" + q(issuer) + "&sid=" + q(laptopSid));

            Browser tablet = signedIn(issuer, email);
            String tabletSid = claims(idToken(api, tablet, rp)).getStringClaim("sid");
            HttpResponse<String> own = tablet.submit(tablet.get("/account").body(),
                    "/account/sessions/" + tabletSid + "/end", Map.of(), null);
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(own.body()).select("iframe.frontchannel-logout").eachAttr("src"))
                    .containsExactly(FC + "?iss=" + q(issuer) + "&sid=" + q(tabletSid));
        }
    }
}
