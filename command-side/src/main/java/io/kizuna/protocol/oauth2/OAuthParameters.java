package io.kizuna.protocol.oauth2;

import io.kizuna.protocol.oauth2.error.OAuthException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of an OAuth request, checked as RFC 6749 §3.1 and §3.2 demand: no parameter more
 * than once, empty values treated as absent, and a size cap per value so huge input is refused early.
 */
public final class OAuthParameters {
    public static final int MAX_VALUE_LENGTH = 4096;
    private final Map<String, String> values;

    private OAuthParameters(Map<String, String> values) {
        this.values = values;
    }

    public static OAuthParameters from(HttpServletRequest request) {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            String[] given = entry.getValue();
            if (given.length > 1) {
                throw OAuthException.invalidRequest("parameter " + printable(entry.getKey())
                        + " must not be included more than once (RFC 6749 §3.1)");
            }
            if (given[0].length() > MAX_VALUE_LENGTH) {
                throw OAuthException.invalidRequest("parameter " + printable(entry.getKey()) + " is too long");
            }
            if (!given[0].isEmpty()) {
                values.put(entry.getKey(), given[0]);
            }
        }
        return new OAuthParameters(values);
    }

    /** RFC 6749 §3.2: the token endpoint takes application/x-www-form-urlencoded POST bodies only. */
    public static OAuthParameters fromForm(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthException.invalidRequest("the request body must be application/x-www-form-urlencoded");
        }
        return from(request);
    }

    public String get(String name) {
        return values.get(name);
    }

    public String require(String name) {
        String value = values.get(name);
        if (value == null) {
            throw OAuthException.invalidRequest("missing parameter " + name);
        }
        return value;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    private static String printable(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}
