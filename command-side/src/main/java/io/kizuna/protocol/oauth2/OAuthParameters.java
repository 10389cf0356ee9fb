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
    /** Parameters that may repeat: RFC 8707 §2 {@code resource}. At most this many values of each. */
    static final java.util.Set<String> REPEATABLE = java.util.Set.of("resource");
    static final int MAX_REPEATS = 10;
    private final Map<String, String> values;
    private final Map<String, java.util.List<String>> repeated;

    private OAuthParameters(Map<String, String> values, Map<String, java.util.List<String>> repeated) {
        this.values = values;
        this.repeated = repeated;
    }

    public static OAuthParameters from(HttpServletRequest request) {
        Map<String, String> values = new HashMap<>();
        Map<String, java.util.List<String>> repeated = new HashMap<>();
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            String[] given = entry.getValue();
            if (REPEATABLE.contains(entry.getKey())) {
                if (given.length > MAX_REPEATS) {
                    throw OAuthException.invalidRequest("too many " + entry.getKey() + " parameters");
                }
                java.util.List<String> list = new java.util.ArrayList<>();
                for (String value : given) {
                    if (value.length() > MAX_VALUE_LENGTH) {
                        throw OAuthException.invalidRequest("parameter " + entry.getKey() + " is too long");
                    }
                    if (!value.isEmpty() && !list.contains(value)) {
                        list.add(value);
                    }
                }
                repeated.put(entry.getKey(), java.util.List.copyOf(list));
                continue;
            }
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
        return new OAuthParameters(values, repeated);
    }

    /**
     * Parameters that did not come from the HTTP request itself: a request object's claims (RFC 9101 §6.3)
     * or a pushed request read back (RFC 9126 §4). The same caps apply as to a request.
     */
    public static OAuthParameters of(Map<String, String> values, Map<String, java.util.List<String>> repeated) {
        Map<String, String> single = new HashMap<>();
        values.forEach((name, value) -> {
            if (value != null && value.length() > MAX_VALUE_LENGTH) {
                throw OAuthException.invalidRequest("parameter " + printable(name) + " is too long");
            }
            if (value != null && !value.isEmpty()) {
                single.put(name, value);
            }
        });
        Map<String, java.util.List<String>> lists = new HashMap<>();
        repeated.forEach((name, list) -> {
            if (list.size() > MAX_REPEATS) {
                throw OAuthException.invalidRequest("too many " + printable(name) + " parameters");
            }
            lists.put(name, java.util.List.copyOf(new java.util.LinkedHashSet<>(list)));
        });
        return new OAuthParameters(single, lists);
    }

    /** The single-valued parameters, for storing a request (RFC 9126 §2.2). */
    public Map<String, String> singleValues() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The repeatable parameters ({@link #REPEATABLE}) with their values. */
    public Map<String, java.util.List<String>> repeatedValues() {
        return java.util.Collections.unmodifiableMap(repeated);
    }

    /** A copy without the named parameters. */
    public OAuthParameters without(String... names) {
        Map<String, String> single = new HashMap<>(values);
        Map<String, java.util.List<String>> lists = new HashMap<>(repeated);
        for (String name : names) {
            single.remove(name);
            lists.remove(name);
        }
        return new OAuthParameters(single, lists);
    }

    /** A copy with one single-valued parameter set. */
    public OAuthParameters with(String name, String value) {
        Map<String, String> single = new HashMap<>(values);
        single.put(name, value);
        return new OAuthParameters(single, new HashMap<>(repeated));
    }

    /** RFC 6749 §3.2: the token endpoint takes application/x-www-form-urlencoded POST bodies only. */
    public static OAuthParameters fromForm(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthException.invalidRequest("the request body must be application/x-www-form-urlencoded");
        }
        return from(request);
    }

    /** Every value of a repeatable parameter ({@link #REPEATABLE}), in order, without duplicates. */
    public java.util.List<String> all(String name) {
        return repeated.getOrDefault(name, java.util.List.of());
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
