package io.kizuna.scim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.api.LedgerRejection;
import io.kizuna.protocol.oauth2.error.OAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every failure under /scim/v2 as a SCIM error (RFC 7644 §3.12): {@code urn:ietf:params:scim:api:messages:2.0:Error}
 * with {@code status} as a string, {@code scimType} for 400/409, a {@code detail}, in {@code application/scim+json};
 * never a stack trace. Ledger refusals map to their SCIM meaning.
 */
@RestControllerAdvice(basePackageClasses = ScimErrors.class)
public class ScimErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ScimErrors.class);

    public static ObjectNode body(int status, String scimType, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(Scim.ERROR);
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        body.put("status", Integer.toString(status));
        return body;
    }

    /** Ledger refusals under SCIM: a changed version is a failed precondition (RFC 7644 §3.14). */
    public static ScimException translate(RuntimeException e) {
        if (e instanceof ScimException scim) {
            return scim;
        }
        if (e instanceof OAuthException oauth) {
            return new ScimException(oauth.status(), null, oauth.description(), oauth.wwwAuthenticate());
        }
        if (e instanceof LedgerRejection r) {
            return switch (r.code()) {
                case "version_mismatch" -> ScimException.preconditionFailed(r.description());
                case "login_taken" -> ScimException.uniqueness("userName is already taken");
                case "member_forgotten", "not_provisioned", "group_deleted", "member_not_found" ->
                        ScimException.notFound("resource not found");
                case "invalid_password", "weak_password", "password_too_short", "password_too_long",
                     "common_password" -> ScimException.badRequest("invalidValue", r.description());
                default -> ScimException.badRequest("invalidValue", r.description());
            };
        }
        if (e.getCause() instanceof RuntimeException cause && cause != e) {
            return translate(cause);
        }
        LOG.error("SCIM request failed", e);
        return new ScimException(500, null, "the request could not be processed");
    }

    public static ResponseEntity<ObjectNode> response(ScimException e) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status()).contentType(Scim.SCIM_JSON)
                .cacheControl(CacheControl.noStore());
        if (e.challenge() != null) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
        }
        return b.body(body(e.status(), e.scimType(), e.getMessage()));
    }

    @ExceptionHandler(ScimException.class)
    ResponseEntity<ObjectNode> scim(ScimException e) {
        return response(e);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ObjectNode> runtime(RuntimeException e) {
        if (e instanceof HttpMessageNotReadableException || e instanceof MethodArgumentTypeMismatchException) {
            return response(ScimException.badRequest("invalidSyntax", "the request body is not valid JSON"));
        }
        return response(translate(e));
    }

    @ExceptionHandler(com.unboundid.scim2.common.exceptions.ScimException.class)
    ResponseEntity<ObjectNode> sdk(com.unboundid.scim2.common.exceptions.ScimException e) {
        return response(fromSdk(e));
    }

    public static ScimException fromSdk(com.unboundid.scim2.common.exceptions.ScimException e) {
        return new ScimException(e.getScimError().getStatus(), e.getScimError().getScimType(),
                e.getScimError().getDetail() == null ? e.getMessage() : e.getScimError().getDetail());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ObjectNode> mediaType(HttpMediaTypeNotSupportedException e) {
        return response(new ScimException(415, null, "send application/scim+json (RFC 7644 §3.1)"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ObjectNode> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return response(new ScimException(406, null, "this endpoint answers application/scim+json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ObjectNode> method(HttpRequestMethodNotSupportedException e) {
        return response(new ScimException(405, null, "method not allowed on this resource"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ObjectNode> header(MissingRequestHeaderException e) {
        return response(ScimException.badRequest("invalidSyntax", "missing header " + e.getHeaderName()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ObjectNode> other(Exception e) {
        LOG.error("SCIM request failed", e);
        return response(new ScimException(500, null, "the request could not be processed"));
    }
}
