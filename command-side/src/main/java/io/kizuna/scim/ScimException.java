package io.kizuna.scim;

/**
 * A SCIM error (RFC 7644 §3.12): an HTTP status, for 400 a {@code scimType} from Table 9, and a detail
 * safe to show the client. {@code challenge} is the WWW-Authenticate value of a 401 or 403.
 */
public class ScimException extends RuntimeException {
    private final int status;
    private final String scimType;
    private final String challenge;

    public ScimException(int status, String scimType, String detail) {
        this(status, scimType, detail, null);
    }

    public ScimException(int status, String scimType, String detail, String challenge) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
        this.challenge = challenge;
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    public String challenge() {
        return challenge;
    }

    public static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException preconditionFailed(String detail) {
        return new ScimException(412, null, detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, "uniqueness", detail);
    }
}
