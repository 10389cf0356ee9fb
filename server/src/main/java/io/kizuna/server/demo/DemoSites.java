package io.kizuna.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kizuna.config.KizunaProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Three tiny relying parties on their own origins (http://localhost:8081 "www", :8082 "shop", and
 * http://127.0.0.1:8083 "another-domain", a host other than Kizuna's), each a
 * real OAuth client: "Sign in" runs the authorization code flow with PKCE S256, state and nonce,
 * checks {@code iss} (RFC 9207), redeems the code with client_secret_basic and shows UserInfo.
 *
 * <p>Each keeps a small local session (cookie {@code demo_<name>}) holding the ID token. "Sign out" ends it
 * and sends the browser to Kizuna's end-session endpoint with the ID token as {@code id_token_hint} and
 * {@code /signed-out} as {@code post_logout_redirect_uri} (OIDC RP-Initiated Logout 1.0 §2); Kizuna's
 * Logout Tokens arrive at {@code /backchannel-logout} (Back-Channel Logout 1.0 §2.5), are verified against
 * Kizuna's JWKS (§2.6) and end the local sessions of that {@code sid} — so signing out on one demo site
 * signs the browser out of Kizuna and of the other demo sites.
 */
@Component
@ConditionalOnProperty(name = "kizuna.demo.enabled", havingValue = "true")
public class DemoSites implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSites.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KizunaProperties properties;
    private final DemoSiteSettings settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<HttpServer> servers = new ArrayList<>();
    private volatile boolean running;

    public DemoSites(KizunaProperties properties, DemoSiteSettings settings, ObjectMapper json) {
        this.properties = properties;
        this.settings = settings;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void open() throws IOException {
        if (!servers.isEmpty()) {
            return;
        }
        servers.add(site("www", "www-demo", "www-demo-secret-change-me", "www.example.jp", settings.wwwPort()));
        servers.add(site("shop", "shop-demo", "shop-demo-secret-change-me", "shop.example.jp", settings.shopPort()));
        servers.add(site("another", "another-demo", "another-demo-secret-change-me", "another-domain.jp",
                settings.anotherPort(), settings.anotherOrigin()));
        LOG.info("Demo sites: http://localhost:{} (www), http://localhost:{} (shop), {} (another-domain)",
                settings.wwwPort(), settings.shopPort(), settings.anotherOrigin());
    }

    private HttpServer site(String name, String clientId, String secret, String title, int port) throws IOException {
        return site(name, clientId, secret, title, port, "http://localhost:" + port);
    }

    private HttpServer site(String name, String clientId, String secret, String title, int port, String origin)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        Site site = new Site(name, clientId, secret, title, origin);
        server.createContext("/", exchange -> {
            try {
                site.handle(exchange);
            } catch (Exception e) {
                LOG.warn("demo site {} failed", name, e);
                site.respond(exchange, 500, "<p>Demo site error.</p>");
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public synchronized void stop() {
        servers.forEach(s -> s.stop(0));
        servers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private final class Site {
        private final String name;
        private final String clientId;
        private final String secret;
        private final String title;
        private final String origin;
        private final Map<String, String[]> pending = new ConcurrentHashMap<>();
        /** Local sessions: cookie value → who, with the ID token (for id_token_hint) and its sid. */
        private final Map<String, LocalSession> sessions = new ConcurrentHashMap<>();

        Site(String name, String clientId, String secret, String title, String origin) {
            this.name = name;
            this.clientId = clientId;
            this.secret = secret;
            this.title = title;
            this.origin = origin;
        }

        void handle(HttpExchange exchange) throws Exception {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/" -> {
                    LocalSession session = localSession(exchange);
                    respond(exchange, 200, "<p>This is a demo service site of the Kizuna shared member ID."
                            + "<br>Kizuna 共通会員IDのデモサイトです。</p>" + (session == null
                            ? "<p id=\"signed-out-state\">Not signed in / 未ログイン</p>"
                              + "<p><a class=\"button\" id=\"signin\" href=\"/login\">Sign in with Kizuna / Kizuna でログイン</a></p>"
                            : "<p id=\"welcome\">Signed in as / ログイン中: <strong>" + esc(session.name())
                              + "</strong></p>" + signOutLink()));
                }
                case "/logout" -> logout(exchange);
                case "/signed-out" -> respond(exchange, 200, "<p id=\"signed-out\">Signed out of this site and of "
                        + "Kizuna / このサイトと Kizuna からログアウトしました</p><p><a href=\"/\">Back</a></p>");
                case "/backchannel-logout" -> backChannelLogout(exchange);
                case "/login" -> {
                    String state = random();
                    String verifier = random() + random();
                    String nonce = random();
                    pending.put(state, new String[] {verifier, nonce});
                    String location = properties.issuer() + "/oauth2/authorize?response_type=code"
                            + "&client_id=" + enc(clientId) + "&redirect_uri=" + enc(origin + "/callback")
                            + "&scope=" + enc("openid profile email") + "&state=" + state + "&nonce=" + nonce
                            + "&code_challenge=" + s256(verifier) + "&code_challenge_method=S256";
                    exchange.getResponseHeaders().add("Location", location);
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/callback" -> callback(exchange, query);
                default -> respond(exchange, 404, "<p>Not found.</p>");
            }
        }

        private void callback(HttpExchange exchange, Map<String, String> query) throws Exception {
            String[] flow = query.get("state") == null ? null : pending.remove(query.get("state"));
            if (flow == null) {
                respond(exchange, 400, "<p>Unknown or reused state.</p>");
                return;
            }
            if (!properties.issuer().equals(query.get("iss"))) {
                respond(exchange, 400, "<p>Wrong issuer in the response (RFC 9207).</p>");
                return;
            }
            if (query.containsKey("error")) {
                respond(exchange, 200, "<p>Sign-in was not completed: <code>" + esc(query.get("error")) + "</code></p>"
                        + "<p><a href=\"/\">Back</a></p>");
                return;
            }
            String form = "grant_type=authorization_code&code=" + enc(query.get("code")) + "&redirect_uri="
                    + enc(origin + "/callback") + "&code_verifier=" + enc(flow[0]);
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(properties.issuer() + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode tokens = json.readTree(token.body());
            if (token.statusCode() != 200) {
                respond(exchange, 502, "<p>Token request failed: <code>" + esc(tokens.path("error").asText()) + "</code></p>");
                return;
            }
            HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(properties.issuer() + "/userinfo"))
                    .header("Authorization", "Bearer " + tokens.path("access_token").asText()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode user = json.readTree(info.body());
            String localId = random();
            String sid = tokens.hasNonNull("id_token")
                    ? com.nimbusds.jwt.SignedJWT.parse(tokens.path("id_token").asText()).getJWTClaimsSet()
                            .getStringClaim("sid") : null;
            sessions.put(localId, new LocalSession(user.path("name").asText(), user.path("sub").asText(),
                    tokens.path("id_token").asText(null), sid));
            exchange.getResponseHeaders().add("Set-Cookie", cookie() + "=" + localId + "; Path=/; HttpOnly; SameSite=Lax");
            respond(exchange, 200, signOutLink() + "<p id=\"welcome\">Signed in as / ログイン中: <strong>" + esc(user.path("name").asText())
                    + "</strong> (" + esc(user.path("email").asText()) + ")</p>"
                    + "<p>Shared member ID / 共通会員ID: <code id=\"sub\">" + esc(user.path("sub").asText()) + "</code></p>"
                    + "<p>Granted scope: <code>" + esc(tokens.path("scope").asText()) + "</code></p>"
                    + "<p><a href=\"/\">Back</a></p>");
        }

        /** Demo sites share the host localhost, and cookies ignore ports: one cookie name per site. */
        private String cookie() {
            return "demo_" + name;
        }

        private String signOutLink() {
            return "<p><a class=\"button\" id=\"signout\" href=\"/logout\">Sign out / ログアウト</a></p>";
        }

        private LocalSession localSession(HttpExchange exchange) {
            String header = exchange.getRequestHeaders().getFirst("Cookie");
            if (header == null) {
                return null;
            }
            for (String part : header.split(";")) {
                String[] pair = part.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equals(cookie())) {
                    return sessions.get(pair[1]);
                }
            }
            return null;
        }

        /** RP-Initiated Logout 1.0 §2: end the local session, then Kizuna's, coming back to /signed-out. */
        private void logout(HttpExchange exchange) throws IOException {
            LocalSession session = localSession(exchange);
            sessions.values().remove(session);
            exchange.getResponseHeaders().add("Set-Cookie", cookie() + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            String location = session == null || session.idToken() == null ? "/"
                    : properties.issuer() + "/oauth2/logout?id_token_hint=" + enc(session.idToken())
                      + "&post_logout_redirect_uri=" + enc(origin + "/signed-out") + "&state=" + random();
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        }

        /**
         * Back-Channel Logout 1.0 §2.6: a Logout Token signed by Kizuna (its JWKS), {@code typ logout+jwt},
         * our {@code iss} and {@code aud}, the logout event, {@code sid} or {@code sub}, no {@code nonce};
         * 200 when the sessions are gone, 400 otherwise (§2.8).
         */
        private void backChannelLogout(HttpExchange exchange) throws Exception {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            String token = parse(body).get("logout_token");
            if (!"POST".equals(exchange.getRequestMethod()) || token == null) {
                respond(exchange, 400, "<p>logout_token required</p>");
                return;
            }
            com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(token);
            com.nimbusds.jwt.JWTClaimsSet claims = jwt.getJWTClaimsSet();
            boolean valid = verified(jwt)
                    && new com.nimbusds.jose.JOSEObjectType("logout+jwt").equals(jwt.getHeader().getType())
                    && properties.issuer().equals(claims.getIssuer()) && claims.getAudience().contains(clientId)
                    && claims.getJSONObjectClaim("events") != null
                    && claims.getJSONObjectClaim("events").containsKey("http://schemas.openid.net/event/backchannel-logout")
                    && claims.getClaim("nonce") == null
                    && (claims.getStringClaim("sid") != null || claims.getSubject() != null);
            if (!valid) {
                respond(exchange, 400, "<p>invalid logout token</p>");
                return;
            }
            String sid = claims.getStringClaim("sid");
            String sub = claims.getSubject();
            sessions.values().removeIf(s -> sid != null ? sid.equals(s.sid()) : sub.equals(s.sub()));
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, -1);
        }

        private boolean verified(com.nimbusds.jwt.SignedJWT jwt) throws Exception {
            HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(properties.issuer() + "/oauth2/jwks"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            com.nimbusds.jose.jwk.JWK key = com.nimbusds.jose.jwk.JWKSet.parse(jwks.body())
                    .getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key instanceof com.nimbusds.jose.jwk.ECKey ec) {
                return jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(ec));
            }
            if (key instanceof com.nimbusds.jose.jwk.RSAKey rsa) {
                return jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(rsa));
            }
            return false;
        }

        void respond(HttpExchange exchange, int status, String body) throws IOException {
            String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                    + "</title><style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;line-height:1.5}"
                    + ".button{display:inline-block;padding:.6rem 1rem;background:#1f4e8c;color:#fff;border-radius:.3rem;"
                    + "text-decoration:none}</style></head><body><header><h1>" + esc(title) + "</h1></header><main>"
                    + body + "</main></body></html>";
            byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private record LocalSession(String name, String sub, String idToken, String sid) {
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return map;
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
