package io.kizuna.signingkey;

import io.kizuna.admin.AdminToken;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for signing keys (operator's admin token): list them (never a private part), rotate the key
 * of an algorithm, retire a key that no longer signs.
 */
@RestController
public class SigningKeyAdminApi {
    public static final String PATH = "/admin/api/signing-keys";
    private final SigningKeyLifecycle lifecycle;
    private final AdminToken adminToken;

    public SigningKeyAdminApi(SigningKeyLifecycle lifecycle, AdminToken adminToken) {
        this.lifecycle = lifecycle;
        this.adminToken = adminToken;
    }

    @GetMapping(PATH)
    public ResponseEntity<Map<String, Object>> list(@RequestHeader(name = "Authorization", required = false) String authorization) {
        adminToken.require(authorization);
        List<Map<String, Object>> keys = lifecycle.list().stream().map(SigningKeyAdminApi::describe).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("keys", keys));
    }

    /** Body {@code {"alg": "ES256"}} (ES256, PS256, RS256 or EdDSA). 201 with the new active key. */
    @PostMapping(path = PATH + "/rotate", consumes = "application/json")
    public ResponseEntity<Map<String, Object>> rotate(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody(required = false) Map<String, Object> body) {
        adminToken.require(authorization);
        Object alg = body == null ? null : body.get("alg");
        SigningKeyLifecycle.KeyView key = lifecycle.rotate(alg instanceof String s ? s : null);
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(describe(key));
    }

    @PostMapping(PATH + "/{kid}/retire")
    public ResponseEntity<Map<String, Object>> retire(
            @RequestHeader(name = "Authorization", required = false) String authorization, @PathVariable String kid) {
        adminToken.require(authorization);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(describe(lifecycle.retire(kid, "operator")));
    }

    private static Map<String, Object> describe(SigningKeyLifecycle.KeyView key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kid", key.kid());
        m.put("alg", key.alg());
        m.put("status", key.status());
        m.put("created_at", key.createdAt() == null ? null : key.createdAt().toString());
        m.put("activated_at", key.activatedAt() == null ? null : key.activatedAt().toString());
        m.put("rotated_at", key.rotatedAt() == null ? null : key.rotatedAt().toString());
        m.put("published_until", key.publishedUntil() == null ? null : key.publishedUntil().toString());
        m.put("retired_at", key.retiredAt() == null ? null : key.retiredAt().toString());
        m.put("key_encryption", key.keyEncryption());
        return m;
    }
}
