package io.kizuna.server.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for flow tests: keeps cookies, does not follow redirects (so each hop can be
 * asserted), and submits server-rendered forms with their hidden fields, as a user agent would.
 */
public final class Browser {
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BUTTON = Pattern.compile("<button\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final Map<String, String> headers;

    public Browser(String base) {
        this(base, Map.of());
    }

    /** A browser whose every request carries {@code headers} (e.g. X-Forwarded-For set by a proxy). */
    public Browser(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept-Language", "en");
        headers.forEach(b::header);
        return b;
    }

    public HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
        return http.send(request(pathOrUrl).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String pathOrUrl, Map<String, String> form)
            throws IOException, InterruptedException {
        return http.send(request(pathOrUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits the page's form: its hidden fields, the given fields, and the named button's value. */
    public HttpResponse<String> submit(String page, String action, Map<String, String> fields, String buttonId)
            throws IOException, InterruptedException {
        Map<String, String> form = hiddenFields(page);
        form.putAll(fields);
        if (buttonId != null) {
            Matcher m = BUTTON.matcher(page);
            while (m.find()) {
                String tag = m.group();
                if (buttonId.equals(attribute(tag, "id")) && attribute(tag, "name") != null) {
                    form.put(attribute(tag, "name"), attribute(tag, "value"));
                }
            }
        }
        return postForm(action, form);
    }

    public static Map<String, String> hiddenFields(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = INPUT.matcher(page);
        while (m.find()) {
            String tag = m.group();
            if ("hidden".equalsIgnoreCase(attribute(tag, "type"))) {
                fields.put(attribute(tag, "name"), htmlUnescape(attribute(tag, "value")));
            }
        }
        return fields;
    }

    public static Map<String, String> queryOf(String location) {
        String query = URI.create(location).getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(tag);
        return m.find() ? m.group(1) : null;
    }

    private static String htmlUnescape(String s) {
        return s == null ? null : s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }
}
