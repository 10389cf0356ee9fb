package io.kizuna.protocol.oauth2.error;

/**
 * An OAuth 2.0 error response: RFC 6749 §5.2 at the token endpoint, RFC 6750 §3.1 at protected
 * resources, RFC 7662 §2.3 / RFC 7009 §2.2.1 elsewhere. {@code error} is one of the RFC's codes.
 */
public class OAuthException extends RuntimeException {
    private final java.util.List<java.util.Map.Entry<String, String>> headers = new java.util.ArrayList<>();
    private final int status;
    private final String error;
    private final String wwwAuthenticate;

    public OAuthException(int status, String error, String description) {
        this(status, error, description, null);
    }

    public OAuthException(int status, String error, String description, String wwwAuthenticate) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.wwwAuthenticate = wwwAuthenticate;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, OAuthErrors.INVALID_REQUEST, description);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, OAuthErrors.INVALID_GRANT, description);
    }

    public static OAuthException invalidClient(String description, boolean viaBasic) {
        return new OAuthException(401, OAuthErrors.INVALID_CLIENT, description,
                viaBasic ? "Basic realm=\"kizuna\", charset=\"UTF-8\"" : null);
    }

    /**
     * Adds a response header, e.g. {@code DPoP-Nonce} (RFC 9449 §8) or a second {@code WWW-Authenticate}
     * challenge (RFC 9449 §7.1 beside RFC 6750's Bearer).
     */
    public OAuthException withHeader(String name, String value) {
        headers.add(java.util.Map.entry(name, value));
        return this;
    }

    public java.util.List<java.util.Map.Entry<String, String>> headers() {
        return java.util.List.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public String wwwAuthenticate() {
        return wwwAuthenticate;
    }
}
