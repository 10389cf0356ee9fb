package io.kizuna.protocol.oauth2.error;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests that reach no handler (wrong method, unknown path) get the same JSON error shape as the
 * protocol endpoints instead of the framework's default body.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnroutedRequestErrors {

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
        return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED),
                OAuthErrors.INVALID_REQUEST, "method " + e.getMethod() + " is not allowed here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NoResourceFoundException e) {
        return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.NOT_FOUND), "not_found", "no such endpoint");
    }
}
