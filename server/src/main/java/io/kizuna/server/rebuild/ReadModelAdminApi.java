package io.kizuna.server.rebuild;

import io.kizuna.admin.AdminToken;
import io.kizuna.protocol.oauth2.error.OAuthErrorResponses;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/api/read-models/rebuild[?compare=true]} (admin bearer token, RFC 6750 §2.1): rebuilds
 * every read model from the ledger while the server keeps serving and answers with the
 * {@link RebuildReport}. One rebuild at a time: a second request meanwhile gets {@code 409 rebuild_running}.
 */
@RestController
public class ReadModelAdminApi {
    private final AdminToken adminToken;
    private final ReadModelRebuilder rebuilder;

    public ReadModelAdminApi(AdminToken adminToken, ReadModelRebuilder rebuilder) {
        this.adminToken = adminToken;
        this.rebuilder = rebuilder;
    }

    @PostMapping("/admin/api/read-models/rebuild")
    public ResponseEntity<RebuildReport> rebuild(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(name = "compare", defaultValue = "false") boolean compare) {
        adminToken.require(authorization);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(rebuilder.rebuild(compare));
    }

    @ExceptionHandler(ReadModelRebuilder.AlreadyRunningException.class)
    ResponseEntity<Map<String, String>> running(ReadModelRebuilder.AlreadyRunningException e) {
        return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.CONFLICT), "rebuild_running", e.getMessage());
    }

    /** The live models are untouched when a rebuild fails (its schema is dropped); the cause is logged. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> failed(IllegalStateException e) {
        org.slf4j.LoggerFactory.getLogger(ReadModelAdminApi.class).error("read-model rebuild failed", e);
        return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE), "rebuild_failed",
                "the rebuild failed and was abandoned; the live read models are unchanged (see the server log)");
    }
}
