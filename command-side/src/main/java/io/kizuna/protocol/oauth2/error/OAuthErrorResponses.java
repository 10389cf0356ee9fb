package io.kizuna.protocol.oauth2.error;

import io.kizuna.api.LedgerRejection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Turns every failure of a JSON endpoint into an RFC-shaped error body
 * ({@code error}, {@code error_description}) with {@code Cache-Control: no-store}: never a stack trace.
 */
@RestControllerAdvice(basePackages = {"io.kizuna.protocol", "io.kizuna.client", "io.kizuna.member", "io.kizuna.admin",
        "io.kizuna.ledger", "io.kizuna.signingkey", "io.kizuna.server.rebuild"})
public class OAuthErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthErrorResponses.class);

    @ExceptionHandler(OAuthException.class)
    ResponseEntity<Map<String, String>> oauth(OAuthException e) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status());
        if (e.wwwAuthenticate() != null) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, e.wwwAuthenticate());
        }
        e.headers().forEach(header -> builder.header(header.getKey(), header.getValue()));
        return body(builder, e.error(), e.description());
    }

    /** A DPoP proof refused outside an endpoint that maps it itself: RFC 9449 §5's 400. */
    @ExceptionHandler(io.kizuna.protocol.oauth2.dpop.DPoPProofRejected.class)
    ResponseEntity<Map<String, String>> dpop(io.kizuna.protocol.oauth2.dpop.DPoPProofRejected e) {
        return body(ResponseEntity.status(HttpStatus.BAD_REQUEST), e.error(), e.getMessage());
    }

    @ExceptionHandler(LedgerRejection.class)
    ResponseEntity<Map<String, String>> rejection(LedgerRejection e) {
        return body(ResponseEntity.status(HttpStatus.BAD_REQUEST), e.code(), e.description());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(ResponseEntity.status(HttpStatus.BAD_REQUEST), OAuthErrors.INVALID_REQUEST,
                "unsupported content type " + e.getContentType());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
            IllegalArgumentException.class, MaxUploadSizeExceededException.class})
    ResponseEntity<Map<String, String>> unreadable(Exception e) {
        return body(ResponseEntity.status(HttpStatus.BAD_REQUEST), OAuthErrors.INVALID_REQUEST,
                "the request could not be read");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        String sqlState = transientSqlState(e);
        if (sqlState != null) {
            // nothing was stored (the transaction rolled back); the same request may simply be sent again
            LOG.warn("the ledger store is temporarily unavailable (SQLSTATE {}): {}", sqlState, e.toString());
            return body(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                    RETRY_AFTER_SECONDS), OAuthErrors.TEMPORARILY_UNAVAILABLE,
                    "the server is temporarily unable to store the request; retry shortly");
        }
        LOG.error("unexpected failure while serving a protocol request", e);
        return body(ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR), OAuthErrors.SERVER_ERROR,
                "the server could not complete the request");
    }

    static final String RETRY_AFTER_SECONDS = "5";

    /**
     * The SQLSTATE of a failure that says nothing about the request and goes away by itself, found anywhere in
     * the cause chain (Axon and Spring wrap the driver's exception): class 08 connection exception, 40
     * transaction rollback (serialization failure, deadlock), 53 insufficient resources, 57P operator
     * intervention (shutdown, restart), 55P03 lock not available; or Spring's transient and resource-failure
     * classes. Such a failure is a 503 {@code temporarily_unavailable} with {@code Retry-After}, not a 500.
     */
    static String transientSqlState(Throwable failure) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57P") || state.equals("55P03")) {
                    return state;
                }
            }
            if (t instanceof org.springframework.dao.TransientDataAccessException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException) {
                return t instanceof java.sql.SQLException sql && sql.getSQLState() != null ? sql.getSQLState()
                        : t.getClass().getSimpleName();
            }
        }
        return null;
    }

    public static ResponseEntity<Map<String, String>> body(ResponseEntity.BodyBuilder builder, String error,
                                                    String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", OAuthErrors.description(description));
        }
        return builder.header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
