package io.kizuna.protocol.oauth2.error;

/** Error codes from RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1. */
public final class OAuthErrors {
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_CLIENT = "invalid_client";
    public static final String INVALID_GRANT = "invalid_grant";
    public static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    public static final String INVALID_SCOPE = "invalid_scope";
    public static final String ACCESS_DENIED = "access_denied";
    public static final String UNSUPPORTED_RESPONSE_TYPE = "unsupported_response_type";
    public static final String SERVER_ERROR = "server_error";
    /** RFC 6749 §4.1.2.1: temporary overloading or maintenance; used for every endpoint with a 503. */
    public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";
    public static final String INVALID_TOKEN = "invalid_token";
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    private OAuthErrors() {
    }

    /**
     * An {@code error_description} as RFC 6749 §4.1.2.1 and §5.2 allow it: printable ASCII without
     * {@code "} and {@code \} (%x20-21 / %x23-5B / %x5D-7E). Our texts cite sections as "§", which becomes
     * "section "; other characters outside the set are replaced, so a description can never break a
     * client's parser or a {@code WWW-Authenticate} header (RFC 6750 §3).
     */
    public static String description(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\u00a7' -> out.append("section ");
                case '\u2014', '\u2013' -> out.append('-');
                case '\u2026' -> out.append("...");
                case '\u2192' -> out.append("->");
                case '"' -> out.append('\'');
                case '\\' -> out.append('/');
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c >= 0x20 && c <= 0x7e ? c : '?');
            }
        }
        return out.toString().replace("section  ", "section ");
    }
}
