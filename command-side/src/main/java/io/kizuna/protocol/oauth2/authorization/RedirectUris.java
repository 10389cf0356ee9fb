package io.kizuna.protocol.oauth2.authorization;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Redirect URI matching: exact string comparison (RFC 9700 §2.1; RFC 6749 §3.1.2.3), except that a
 * registered loopback redirect ({@code http://127.0.0.1} or {@code http://[::1]}) matches on any port
 * (RFC 8252 §7.3), because native apps get an ephemeral port from the OS.
 */
public final class RedirectUris {
    private RedirectUris() {
    }

    public static Optional<String> resolve(String requested, List<String> registered) {
        if (requested == null) {
            return registered.size() == 1 ? Optional.of(registered.get(0)) : Optional.empty();
        }
        if (registered.contains(requested)) {
            return Optional.of(requested);
        }
        return registered.stream().anyMatch(r -> loopbackMatch(r, requested)) ? Optional.of(requested)
                : Optional.empty();
    }

    private static boolean loopbackMatch(String registered, String requested) {
        try {
            URI r = new URI(registered);
            URI q = new URI(requested);
            return "http".equals(r.getScheme()) && "http".equals(q.getScheme()) && isLoopback(r.getHost())
                    && r.getHost().equals(q.getHost()) && r.getRawPath().equals(q.getRawPath())
                    && java.util.Objects.equals(r.getRawQuery(), q.getRawQuery()) && q.getRawFragment() == null
                    && q.getRawUserInfo() == null;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "[::1]".equals(host);
    }
}
