package io.kizuna.server.analytics;

import io.kizuna.admin.AdminToken;
import io.kizuna.protocol.oauth2.error.OAuthErrorResponses;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/api/analytics/rebuild} (admin bearer token, RFC 6750 §2.1): rebuilds the analytics
 * indices from the event store while the server keeps serving and answers with the
 * {@link AnalyticsRebuildReport}. One rebuild at a time: a second request meanwhile gets
 * {@code 409 rebuild_running}; a failure {@code 503 rebuild_failed} with the live indices untouched.
 */
@RestController
public class AnalyticsAdminApi {
    private final AdminToken adminToken;
    private final AnalyticsRebuilder rebuilder;

    public AnalyticsAdminApi(AdminToken adminToken, AnalyticsRebuilder rebuilder) {
        this.adminToken = adminToken;
        this.rebuilder = rebuilder;
    }

    @PostMapping("/admin/api/analytics/rebuild")
    public ResponseEntity<AnalyticsRebuildReport> rebuild(
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        adminToken.require(authorization);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(rebuilder.rebuild());
    }

    /** The admin token's 401 {@code invalid_token} (RFC 6750 §3.1), shaped like every admin API error. */
    @ExceptionHandler(OAuthException.class)
    ResponseEntity<Map<String, String>> refused(OAuthException e) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status());
        if (e.wwwAuthenticate() != null) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, e.wwwAuthenticate());
        }
        return OAuthErrorResponses.body(builder, e.error(), e.description());
    }

    @ExceptionHandler(AnalyticsRebuilder.AlreadyRunningException.class)
    ResponseEntity<Map<String, String>> running(AnalyticsRebuilder.AlreadyRunningException e) {
        return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.CONFLICT), "rebuild_running", e.getMessage());
    }

    @ExceptionHandler(AnalyticsRebuilder.RebuildFailedException.class)
    ResponseEntity<Map<String, String>> failed(AnalyticsRebuilder.RebuildFailedException e) {
        LoggerFactory.getLogger(AnalyticsAdminApi.class).error("analytics rebuild failed", e);
        return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE), "rebuild_failed",
                "the analytics rebuild failed and was abandoned; the live indices are unchanged (see the server log)");
    }
}
