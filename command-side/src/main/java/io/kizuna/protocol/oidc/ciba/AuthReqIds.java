package io.kizuna.protocol.oidc.ciba;

import io.kizuna.crypto.MasterKey;
import io.kizuna.crypto.TokenHashes;
import org.springframework.stereotype.Component;

/**
 * {@code auth_req_id} values (CIBA Core 1.0 §7.3): HMAC-SHA-256 of the (random) grant id under a master
 * sub-key — 256 bits no one can guess without the key — so that the ledger and the lookup hold only its
 * SHA-256, yet a ping notification (§10.2) can be sent long after the response without keeping the value.
 */
@Component
public class AuthReqIds {
    private final byte[] key;

    public AuthReqIds(MasterKey masterKey) {
        this.key = masterKey.derive("kizuna/ciba-auth-req-id/v1");
    }

    public String of(String grantId) {
        return TokenHashes.hmac(key, "auth_req_id:" + grantId);
    }
}
