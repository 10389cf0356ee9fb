package io.kizuna.ledger.seal;

import io.kizuna.admin.AdminToken;
import io.kizuna.protocol.oauth2.error.OAuthErrorResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Auditor endpoints over the hash chain (admin token). {@code verify} always answers 200 with a report
 * (a broken ledger is a finding, not a server error); {@code checkpoint} signs the head of a chain it
 * has just verified, and refuses ({@code 409 ledger_broken}) to vouch for a broken one.
 */
@RestController
public class LedgerAdminApi {
    private final AdminToken adminToken;
    private final LedgerVerifier verifier;
    private final LedgerCheckpoints checkpoints;

    public LedgerAdminApi(AdminToken adminToken, LedgerVerifier verifier, LedgerCheckpoints checkpoints) {
        this.adminToken = adminToken;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
    }

    /** Optional body {@code {"checkpoint": "<JWS from GET checkpoint>"}}: the walk must also meet that link. */
    @PostMapping("/admin/api/ledger/verify")
    public ResponseEntity<?> verify(@RequestHeader(name = "Authorization", required = false) String authorization,
                                    @RequestBody(required = false) VerifyRequest request) {
        adminToken.require(authorization);
        LedgerVerifier.Expected expected = null;
        if (request != null && request.checkpoint() != null) {
            expected = checkpoints.open(request.checkpoint().strip()).orElse(null);
            if (expected == null) {
                return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.BAD_REQUEST), "invalid_checkpoint",
                        "the checkpoint is malformed or not signed by one of this issuer's published keys");
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(verifier.verify(expected));
    }

    @GetMapping("/admin/api/ledger/checkpoint")
    public ResponseEntity<?> checkpoint(@RequestHeader(name = "Authorization", required = false) String authorization) {
        adminToken.require(authorization);
        VerificationReport report = verifier.verify();
        if (!report.intact()) {
            return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.CONFLICT), "ledger_broken",
                    "the ledger does not verify (" + report.firstBreak().code() + "): no checkpoint is signed");
        }
        if (report.lastSealed() == null) {
            return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.CONFLICT), "ledger_empty",
                    "nothing is sealed yet");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(new MediaType("application", "jwt"))
                .body(checkpoints.sign(report.lastSealed()));
    }

    @ExceptionHandler(LedgerUnavailableException.class)
    ResponseEntity<Map<String, String>> unavailable(LedgerUnavailableException e) {
        return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE), "ledger_unavailable",
                e.getMessage());
    }

    public record VerifyRequest(String checkpoint) {
    }
}
