package io.kizuna.member;

import io.kizuna.admin.AdminToken;
import io.kizuna.api.member.MemberId;
import io.kizuna.protocol.oauth2.error.OAuthErrorResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator actions on members (admin token). {@code forget} is idempotent: calling it again answers the
 * original instant and revokes any grant a failed first call left active.
 */
@RestController
public class MemberAdminApi {
    private final AdminToken adminToken;
    private final MemberForgetting forgetting;

    public MemberAdminApi(AdminToken adminToken, MemberForgetting forgetting) {
        this.adminToken = adminToken;
        this.forgetting = forgetting;
    }

    @PostMapping("/admin/api/members/{memberId}/forget")
    public ResponseEntity<Map<String, Object>> forget(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String memberId) {
        adminToken.require(authorization);
        if (memberId.isBlank() || memberId.length() > 64) {
            throw new MemberForgetting.MemberNotFoundException(null);
        }
        MemberForgetting.Forgotten forgotten = forgetting.forget(new MemberId(memberId), "admin_api");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("member_id", forgotten.memberId().value());
        body.put("forgotten_at", forgotten.forgottenAt().toString());
        body.put("grants_revoked", forgotten.grantsRevoked());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @ExceptionHandler(MemberForgetting.MemberNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(MemberForgetting.MemberNotFoundException e) {
        return OAuthErrorResponses.body(ResponseEntity.status(HttpStatus.NOT_FOUND), e.code(), e.description());
    }
}
