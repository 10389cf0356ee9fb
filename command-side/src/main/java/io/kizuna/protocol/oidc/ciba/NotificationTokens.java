package io.kizuna.protocol.oidc.ciba;

import io.kizuna.crypto.Aead;
import io.kizuna.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The client notification token (CIBA Core 1.0 §7.1) must be sent back as it came (§10.2), so it is kept
 * sealed under a master sub-key rather than hashed; the grant id is the associated data, so a sealed value
 * copied to another request does not open.
 */
@Component
public class NotificationTokens {
    private final byte[] key;

    public NotificationTokens(MasterKey masterKey) {
        this.key = masterKey.derive("kizuna/ciba-notification-token/v1");
    }

    public byte[] seal(String grantId, String token) {
        return token == null ? null : Aead.seal(key, token.getBytes(StandardCharsets.UTF_8), aad(grantId));
    }

    public Optional<String> open(String grantId, byte[] sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Aead.open(key, sealed, aad(grantId)), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] aad(String grantId) {
        return ("ciba_notification_token:" + grantId).getBytes(StandardCharsets.UTF_8);
    }
}
