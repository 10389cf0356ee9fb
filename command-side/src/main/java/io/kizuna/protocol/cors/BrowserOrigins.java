package io.kizuna.protocol.cors;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The web origins that may call the token, revocation, PAR and UserInfo endpoints from a browser (a
 * single-page app, RFC 9700 §2.1.1 / OAuth 2.0 for Browser-Based Apps): the origins of the redirect URIs of the
 * registered, not deleted clients — an app is served from where its redirect URI is. Answers are cached per
 * origin for a short while (a changed redirect URI is seen within {@link #TTL_SECONDS}); the cache is bounded so
 * that a flood of made-up origins cannot grow it.
 */
@Component
public class BrowserOrigins {
    static final long TTL_SECONDS = 30;
    private static final int MAX_CACHED = 10_000;
    private static final int MAX_ORIGIN_LENGTH = 512;

    private final JdbcTemplate jdbc;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public BrowserOrigins(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the {@code Origin} header names the origin of some client's redirect URI (RFC 6454 §6.1 form). */
    public boolean registered(String origin) {
        String normalized = normalize(origin);
        if (normalized == null) {
            return false;
        }
        long now = System.nanoTime();
        Cached cached = cache.get(normalized);
        if (cached != null && now - cached.at < TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
            return cached.registered;
        }
        boolean registered = Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM oauth_client c, unnest(c.redirect_uris) AS u(uri)
                               WHERE c.deleted_at IS NULL AND (u.uri = ? OR u.uri LIKE ? ESCAPE '\\'))""",
                Boolean.class, normalized, escapeLike(normalized) + "/%"));
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(normalized, new Cached(registered, now));
        return registered;
    }

    /**
     * {@code scheme://host[:port]} in lower case without a default port, or null for anything that is not a
     * serialized http(s) origin ({@code null}, paths, user info, oversized values).
     */
    static String normalize(String origin) {
        if (origin == null || origin.isEmpty() || origin.length() > MAX_ORIGIN_LENGTH) {
            return null;
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"https".equals(scheme) && !"http".equals(scheme)) {
                return null;
            }
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
                    || ("http".equals(scheme) && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record Cached(boolean registered, long at) {
    }
}
