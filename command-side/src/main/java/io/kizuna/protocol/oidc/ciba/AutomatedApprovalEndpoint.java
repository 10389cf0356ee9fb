package io.kizuna.protocol.oidc.ciba;

import io.kizuna.protocol.oauth2.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An automated-approval device channel for AUTOMATED TESTING ONLY (e.g. the OpenID Foundation conformance
 * suite's FAPI-CIBA plans, which call a configured {@code automated_ciba_approval_url} with the
 * {@code auth_req_id} and {@code allow}/{@code deny}): it decides a backchannel authentication request
 * (OpenID Connect CIBA Core 1.0 §1, §7) as if the member had approved or denied it on their authentication
 * device, recording the same ledger events (marked as this channel in their metadata).
 *
 * <p>Off by default: it exists only with {@code kizuna.ciba.automated-approval.enabled=true}, and then needs
 * {@code kizuna.ciba.automated-approval.key} (at least {@value #MIN_KEY_LENGTH} characters), which every call
 * must present as the {@code key} query parameter or the {@value #KEY_HEADER} header. Anyone holding the key
 * can approve any member's pending request, so it logs a WARN at startup and must never be on in production.
 *
 * <p>No member authenticates, yet CIBA Core 1.0 §7.1 / FAPI-CIBA §5.2.2 expect an ID token with {@code acr}:
 * the approval records {@code kizuna.ciba.automated-approval.amr} (default {@code pwd}, i.e. what a member
 * approving on the account page after a password sign-in records) as the methods this channel stands in for;
 * the event's metadata says that the automated channel, not the member, decided.
 *
 * <p>{@code POST /ciba/automated-approval?key=…&auth_req_id=…&action=allow|deny} → 200
 * {@code {"auth_req_id_status":"approved"|"denied"}}; errors are JSON {@code error}/{@code error_description}:
 * 401 wrong key, 400 bad action, 404 unknown {@code auth_req_id}, 409 already decided or redeemed, 400
 * {@code expired_token} once expired, 400 {@code step_up_required} for an LoA 3 request (§7.1 acr_values).
 */
@RestController
@ConditionalOnProperty(name = "kizuna.ciba.automated-approval.enabled", havingValue = "true")
public class AutomatedApprovalEndpoint {
    public static final String PATH = "/ciba/automated-approval";
    public static final String KEY_HEADER = "X-Kizuna-Automated-Approval-Key";
    static final int MIN_KEY_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(AutomatedApprovalEndpoint.class);

    private final BackchannelAuthentications authentications;
    private final byte[] key;
    private final java.util.List<String> amr;

    public AutomatedApprovalEndpoint(BackchannelAuthentications authentications,
                                     @Value("${kizuna.ciba.automated-approval.key:}") String key,
                                     @Value("${kizuna.ciba.automated-approval.amr:pwd}") java.util.List<String> amr) {
        if (key == null || key.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("kizuna.ciba.automated-approval.enabled=true needs "
                    + "kizuna.ciba.automated-approval.key of at least " + MIN_KEY_LENGTH + " characters");
        }
        this.authentications = authentications;
        this.key = key.strip().getBytes(StandardCharsets.UTF_8);
        this.amr = java.util.List.copyOf(amr);
        LOG.warn("CIBA AUTOMATED APPROVAL IS ON (kizuna.ciba.automated-approval.enabled=true): whoever holds the key "
                + "can approve or deny any member's backchannel authentication request at POST {}. "
                + "For automated conformance testing only; never enable it in production.", PATH);
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> decide(
            @RequestParam(name = "key", required = false) String keyParameter,
            @RequestHeader(name = KEY_HEADER, required = false) String keyHeader,
            @RequestParam(name = "auth_req_id", required = false) String authReqId,
            @RequestParam(name = "action", required = false) String action) {
        String presented = keyHeader != null ? keyHeader : keyParameter;
        if (presented == null || !MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new OAuthException(401, "invalid_key", "the automated-approval key is missing or wrong");
        }
        boolean approve;
        if ("allow".equals(action)) {
            approve = true;
        } else if ("deny".equals(action)) {
            approve = false;
        } else {
            throw OAuthException.invalidRequest("action must be allow or deny");
        }
        String status = switch (authentications.decideAutomatically(authReqId, approve, amr)) {
            case APPROVED -> "approved";
            case DENIED -> "denied";
            case UNKNOWN -> throw new OAuthException(404, "invalid_request", "unknown auth_req_id");
            case ALREADY_DECIDED -> throw new OAuthException(409, "invalid_request",
                    "the request was already decided or redeemed");
            case EXPIRED -> throw new OAuthException(400, "expired_token",
                    "the auth_req_id has expired (CIBA Core 1.0 section 11)");
            case STEP_UP_REQUIRED -> throw new OAuthException(400, "step_up_required",
                    "the client asked for LoA 3, which kizuna.ciba.automated-approval.amr does not reach");
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auth_req_id_status", status);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
