package io.kizuna.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** JSON and form calls to a running server, for protocol tests. */
public final class Api {
    public static final String ADMIN_TOKEN = "test-admin-token";
    /** Opens dynamic client registration (RFC 7591 §3) in the tests; its hash is configured. */
    public static final String INITIAL_ACCESS_TOKEN = "test-initial-access-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public Response postJson(String path, String bearer, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public Response postForm(String path, String basicUser, String basicSecret, Map<String, String> form)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form)));
        if (basicUser != null) {
            b.header("Authorization", basic(basicUser, basicSecret));
        }
        return send(b.build());
    }

    public Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r, r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
                ? null : JSON.readTree(r.body()));
    }

    public Response putJson(String path, String bearer, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public Response delete(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public Response get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    /** Registers a confidential web client with the given redirect URI; returns [client_id, client_secret]. */
    public String[] registerWebClient(String redirectUri) throws IOException, InterruptedException {
        Response r = postJson("/admin/api/clients", ADMIN_TOKEN, Map.of(
                "client_name", "Test site " + UUID.randomUUID(),
                "redirect_uris", java.util.List.of(redirectUri),
                "grant_types", java.util.List.of("authorization_code", "refresh_token"),
                "scope", "openid profile email offline_access"));
        if (r.status() != 201) {
            throw new IllegalStateException("client registration failed: " + r.raw().body());
        }
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }

    public String[] registerApiClient() throws IOException, InterruptedException {
        Response r = postJson("/admin/api/clients", ADMIN_TOKEN, Map.of(
                "client_name", "Test API " + UUID.randomUUID(),
                "grant_types", java.util.List.of("client_credentials"),
                "scope", "api:read api:write"));
        if (r.status() != 201) {
            throw new IllegalStateException("client registration failed: " + r.raw().body());
        }
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }

    public String registerMember(String email, String password, String name) throws IOException, InterruptedException {
        Response r = postJson("/api/members", null, Map.of("email", email, "password", password, "name", name,
                "locale", "en"));
        if (r.status() != 201) {
            throw new IllegalStateException("member registration failed: " + r.raw().body());
        }
        return r.json().get("member_id").asText();
    }

    public static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public record Response(HttpResponse<String> raw, JsonNode json) {
        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
