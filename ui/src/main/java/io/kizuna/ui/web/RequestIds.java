package io.kizuna.ui.web;

import java.util.regex.Pattern;

/**
 * Authorization request ids as the pages accept them in {@code ?request=} and hidden fields: URL-safe
 * characters only, so that they can be carried in links and redirects without further encoding.
 */
public final class RequestIds {

    public static final String PARAMETER = "request";

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

    private RequestIds() {
    }

    /**
     * The request id, or null when none was given.
     *
     * @throws AuthorizationRequestExpired when one was given but cannot be a request id
     */
    public static String optional(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!FORMAT.matcher(value).matches()) {
            throw new AuthorizationRequestExpired();
        }
        return value;
    }

    /** @throws AuthorizationRequestExpired when no well-formed request id was given */
    public static String required(String value) {
        String id = optional(value);
        if (id == null) {
            throw new AuthorizationRequestExpired();
        }
        return id;
    }

    /** {@code path}, continued with {@code ?request=id} when there is one. */
    public static String withRequest(String path, String requestId) {
        String id = optional(requestId);
        return id == null ? path : path + "?" + PARAMETER + "=" + id;
    }
}
